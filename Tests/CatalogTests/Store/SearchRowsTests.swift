@testable import Catalog
import FoyerCore
import Testing

/// The filter index holds what Backstage's search table holds.
@Suite struct SearchRowsTests {
    static let document = JSONValue.parse(jsonText: #"{"kind":"API","metadata":{"name":"orders","description":"\#(String(repeating: "d", count: 201))"},"spec":{"type":"openapi"}}"#)!

    @Test func aValueTooLongToIndexKeepsItsKeyWithoutAValue() {
        let rows = SearchRows.rows(for: Self.document)
        #expect(rows.contains(SearchRow(key: "metadata.description", value: nil, originalValue: nil)))
        #expect(rows.contains(SearchRow(key: "spec.type", value: "openapi", originalValue: "openapi")))
    }

    @Test func aBareKeyFindsTheEntityWhoseValueIsTooLongButNoValueMatchesIt() throws {
        let entity = FilterableEntity(document: Self.document, ref: EntityRef(kind: "api", namespace: "default", name: "orders"), relations: [])
        #expect(try EntityFilter.parse(["metadata.description"]).matches(entity))
        #expect(try !EntityFilter.parse(["metadata.description=" + String(repeating: "d", count: 201)]).matches(entity))
    }

    static let mixed = JSONValue.parse(jsonText: #"""
        {"kind":"Component","relations":[{"type":"ownedBy"}],"status":{"x":1},
         "metadata":{"Name":"Orders","tags":["Java","java","Go"],"Links":[{"URL":"https://A"},{"URL":"https://A"}]},
         "spec":{"Owner":"Team-A","replicas":3,"public":true,"nothing":null}}
        """#)!

    @Test func rowsAreLowercasedDottedPathsWithArrayMembershipAndRepeatsAndSkippedRootsLeftOut() {
        let rows = SearchRows.rows(for: Self.mixed).map { "\($0.key)=\($0.value ?? "∅")|\($0.originalValue ?? "∅")" }.sorted()
        #expect(rows == [
            "kind=component|Component",
            "metadata.links.url=https://a|https://A",
            "metadata.name=orders|Orders",
            "metadata.tags.go=true|true",
            "metadata.tags.java=true|true",
            "metadata.tags=go|Go",
            "metadata.tags=java|Java",
            "metadata.tags=java|java",
            "spec.nothing=∅|∅",
            "spec.owner=team-a|Team-A",
            "spec.public=true|true",
            "spec.replicas=3|3",
        ].sorted())
    }

    @Test func rowsWithinPrefixesAreExactlyTheFullRowsUnderThem() {
        let prefixes = KeyPrefixes(keys: ["Metadata.Tags", "spec.owner"])
        let within = SearchRows.rows(for: Self.mixed, within: prefixes)
        let filtered = SearchRows.rows(for: Self.mixed).filter { $0.key.hasPrefix("metadata.tags") || $0.key == "spec.owner" }
        #expect(within == filtered)
        #expect(!within.isEmpty)
    }
}
