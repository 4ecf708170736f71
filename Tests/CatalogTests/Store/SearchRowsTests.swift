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
}
