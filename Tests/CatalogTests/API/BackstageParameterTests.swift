import Catalog
import CatalogTestSupport
import Foundation
import FoyerCore
import FoyerTestSupport
import HummingbirdTesting
import NIOCore
import Testing

/// Query parameters and defaults of Backstage's catalog API that clients rely on, over the small
/// catalog of `withCatalogAPI` (5 components, 2 groups, 1 API).
@Suite struct BackstageParameterTests {
    @Test func aListOffsetWithoutALimitSkipsThatManyEntities() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            let all = names(try await client.json("/api/catalog/entities"))
            #expect(all.count == 8)
            #expect(names(try await client.json("/api/catalog/entities?offset=5")) == Array(all.dropFirst(5)))
        }
    }

    @Test func servedEntitiesCarryTheDefaultNamespaceTheirFilesLeaveOut() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            let alpha = try await client.json("/api/catalog/entities/by-name/component/default/alpha")
            #expect(alpha["metadata"]?["namespace"] == .string("default"))
            let projected = try await client.json("/api/catalog/entities/by-query?filter=metadata.name=alpha&fields=kind,metadata.namespace,metadata.name")
            #expect(projected["items"] == JSONValue.parse(jsonText: #"[{"kind":"Component","metadata":{"namespace":"default","name":"alpha"}}]"#))
        }
    }

    @Test func entitiesWithoutTheSortFieldComeLastInBothDirections() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            for direction in ["asc", "desc"] {
                let page = try await client.json("/api/catalog/entities/by-query?orderField=metadata.title,\(direction)&limit=20")
                #expect(names(page["items"]).first == "charlie", "only charlie has a title (\(direction))")
            }
            let listed = try await client.json("/api/catalog/entities?order=desc:metadata.title")
            #expect(names(listed).first == "charlie")
        }
    }

    @Test func eachOrderParameterSortsTheTiesOfTheOnesBefore() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            let listed = names(try await client.json("/api/catalog/entities?order=asc:kind&order=desc:metadata.name"))
            #expect(listed == ["orders", "echo", "delta", "charlie", "bravo", "alpha", "team-b", "team-a"])
        }
    }

    @Test func aFullTextTermWithoutFieldsLooksOnlyInTheSortField() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            #expect(names(try await client.json("/api/catalog/entities/by-query?fullTextFilterTerm=harl&orderField=metadata.name,asc")["items"]) == ["charlie"])
            #expect(names(try await client.json("/api/catalog/entities/by-query?fullTextFilterTerm=service&orderField=metadata.name,asc")["items"]).isEmpty,
                    "the title holds 'service', but the sort field is the name")
            #expect(try await client.json("/api/catalog/entities/by-query?fullTextFilterTerm=charlie")["totalItems"] == .number(0), "without an orderField, the uid")
        }
    }

    @Test func byQueryOffsetSkipsAndTotalItemsCanBeLeftOut() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            let all = names(try await client.json("/api/catalog/entities/by-query?limit=20")["items"])
            let skipped = try await client.json("/api/catalog/entities/by-query?offset=2&limit=2")
            #expect(names(skipped["items"]) == Array(all[2..<4]))
            #expect(skipped["pageInfo"]?["prevCursor"] != nil, "entities lie before an offset page")
            let next = try #require(skipped["pageInfo"]?["nextCursor"]?.stringValue)
            let following = try await client.json("/api/catalog/entities/by-query?cursor=\(next)&offset=2&limit=2")
            #expect(names(following["items"]) == Array(all[4..<6]), "as Backstage: a cursor goes on where it stopped, offset or not")
            #expect(try await client.json("/api/catalog/entities/by-query?totalItems=exclude")["totalItems"] == .number(0))
            #expect(try await client.execute(uri: "/api/catalog/entities/by-query?totalItems=some", method: .get).status == .badRequest)
        }
    }

    @Test func byRefsAppliesTheQueryFilterAndMergesQueryAndBodyFields() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            let response = try await client.execute(uri: "/api/catalog/entities/by-refs?filter=kind=component&fields=kind", method: .post,
                body: ByteBuffer(string: #"{"entityRefs":["component:default/echo","api:default/orders"],"fields":["metadata.name"]}"#))
            #expect(try response.json(JSONValue.self)["items"] == JSONValue.parse(jsonText: #"[{"kind":"Component","metadata":{"name":"echo"}},null]"#))
            let echo = try await client.json("/api/catalog/entities/by-name/component/default/echo")
            let uid = try #require(echo["metadata"]?["uid"]?.stringValue)
            let byUID = try await client.execute(uri: "/api/catalog/entities/by-refs?filter=metadata.uid=\(uid)&fields=metadata.name", method: .post,
                body: ByteBuffer(string: #"{"entityRefs":["component:default/echo","component:default/alpha"]}"#))
            #expect(try byUID.json(JSONValue.self)["items"] == JSONValue.parse(jsonText: #"[{"metadata":{"name":"echo"}},null]"#),
                    "the filter sees what the catalog's filter sees, the uid included")
        }
    }

    @Test func fieldsNamingADottedAnnotationKeepItsKeyWhole() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            let echo = try await client.json("/api/catalog/entities?filter=metadata.name=echo&fields=metadata.annotations.backstage.io/techdocs-ref")
            #expect(echo == JSONValue.parse(jsonText: #"[{"metadata":{"annotations":{"backstage.io/techdocs-ref":"dir:."}}}]"#))
        }
    }

    @Test func dryRunTakesBackstagesYesValuesAndStoresNothing() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            // A file inside the registered folder, so inside the allowed roots, but not registered itself.
            let registered = try #require(try await client.json("/api/catalog/locations").arrayValue?.first?["data"]?["target"]?.stringValue)
            let target = registered + "/extra/zulu.yaml"
            try FileManager.default.createDirectory(atPath: registered + "/extra", withIntermediateDirectories: true)
            try Descriptors.component("zulu").write(toFile: target, atomically: true, encoding: .utf8)
            let body = ByteBuffer(string: #"{"type":"file","target":"\#(target)"}"#)
            let before = try await client.json("/api/catalog/locations").arrayValue?.count
            for flag in ["1", "yes", "TRUE"] {
                let answer = try await client.execute(uri: "/api/catalog/locations?dryRun=\(flag)", method: .post, headers: bearer(TestServer.bootstrapToken), body: body)
                #expect(answer.status == .created)
                #expect(names(try answer.json(JSONValue.self)["entities"]) == ["zulu"])
            }
            #expect(try await client.json("/api/catalog/locations").arrayValue?.count == before)
            #expect(try await client.json("/api/catalog/entities?filter=metadata.name=zulu") == .array([]))
            let unclear = try await client.execute(uri: "/api/catalog/locations?dryRun=maybe", method: .post, headers: bearer(TestServer.bootstrapToken), body: body)
            #expect(unclear.status == .badRequest)
        }
    }
}
