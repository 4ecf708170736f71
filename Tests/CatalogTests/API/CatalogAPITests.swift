import Catalog
import CatalogTestSupport
import Foundation
import FoyerCore
import FoyerTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// A small catalog registered through the API: 5 components, 2 groups, 1 API.
func withCatalogAPI(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
    let folder = try TestFolder()
    try folder.write("catalog-info.yaml", [
        Descriptors.group("team-a"), Descriptors.group("team-b"),
        Descriptors.component("alpha", extra: "  tags: [java, web]"),
        Descriptors.component("bravo", type: "website", extra: "  tags: [typescript]"),
        Descriptors.component("charlie", owner: "team-b", extra: "  title: Charlie Service"),
        Descriptors.component("delta", owner: "team-b", type: "library"),
        Descriptors.component("echo", extra: "  annotations:\n    backstage.io/techdocs-ref: dir:."),
        "apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: orders\nspec:\n  type: openapi\n  lifecycle: production\n  owner: team-a\n  definition: 'openapi: 3.0.0'\n",
    ].joined(separator: "\n---\n"))
    let target = folder.path
    try await TestServer.with(modules: [CatalogModule()], configure: {
        $0.dataDir = folder.path + "/data"
        $0.catalogAllowedRoots = [folder.path]
    }) { _, client in
        let response = try await client.execute(uri: "/api/catalog/locations", method: .post, headers: bearer(TestServer.bootstrapToken),
                                                 body: ByteBuffer(string: #"{"type":"file","target":"\#(target)"}"#))
        #expect(response.status == .created)
        try await body(client)
    }
}

extension TestClientProtocol {
    func json(_ uri: String) async throws -> JSONValue {
        let response = try await execute(uri: uri, method: .get)
        #expect(response.status == .ok, "\(uri): \(response.text)")
        return try response.json(JSONValue.self)
    }
}

func names(_ value: JSONValue?) -> [String] {
    (value?.arrayValue ?? []).compactMap { $0["metadata"]?["name"]?.stringValue }
}

@Suite struct CatalogAPITests {
    @Test func filtersAndWithinAParameterOrAcrossParametersAndIgnoreCase() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            #expect(Set(names(try await client.json("/api/catalog/entities?filter=kind=component,spec.type=service"))) == ["alpha", "charlie", "echo"])
            #expect(Set(names(try await client.json("/api/catalog/entities?filter=kind=group&filter=kind=api"))) == ["team-a", "team-b", "orders"])
            #expect(Set(names(try await client.json("/api/catalog/entities?filter=KIND=Component,spec.type=WEBSITE"))) == ["bravo"])
            #expect(Set(names(try await client.json("/api/catalog/entities?filter=kind=component,spec.type=website,spec.type=library"))) == ["bravo", "delta"])
        }
    }

    @Test func filterKeysTestExistenceTagMembershipAndRelations() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            #expect(names(try await client.json("/api/catalog/entities?filter=metadata.annotations.backstage.io/techdocs-ref")) == ["echo"])
            #expect(names(try await client.json("/api/catalog/entities?filter=metadata.tags.java")) == ["alpha"])
            #expect(names(try await client.json("/api/catalog/entities?filter=metadata.tags=typescript")) == ["bravo"])
            #expect(Set(names(try await client.json("/api/catalog/entities?filter=relations.ownedBy=group:default/team-b"))) == ["charlie", "delta"])
        }
    }

    @Test func fieldsProjectionKeepsOnlyTheNamedPaths() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            let items = try await client.json("/api/catalog/entities?filter=kind=api&fields=metadata.name,kind")
            #expect(items == .array([.object(["kind": .string("API"), "metadata": .object(["name": .string("orders")])])]))
        }
    }

    @Test func orderOffsetAndLimitPageThePlainList() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            let page = try await client.json("/api/catalog/entities?filter=kind=component&order=desc:metadata.name&offset=1&limit=2")
            #expect(names(page) == ["delta", "charlie"])
        }
    }

    @Test func aFullPlainPageLinksToTheNextThroughAnAfterCursorUntilTheLastPage() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            var uri: String? = "/api/catalog/entities?filter=kind=component&order=asc:metadata.name&limit=2&fields=metadata.name"
            var walked: [String] = []
            while let next = uri {
                let response = try await client.execute(uri: next, method: .get)
                #expect(response.status == .ok, "\(next): \(response.text)")
                walked += names(try response.json(JSONValue.self))
                uri = response.headers[HTTPField.Name("Link")!].map { link in
                    #expect(link.hasSuffix(#">; rel="next""#) && link.contains("filter=kind=component") && !link.contains("offset="))
                    return String(link.dropFirst().prefix { $0 != ">" })
                }
                #expect(walked.count <= 5, "the walk ends")
                if walked.count > 5 { break }
            }
            #expect(walked == ["alpha", "bravo", "charlie", "delta", "echo"])
            let bad = try await client.execute(uri: "/api/catalog/entities?after=not-a-cursor", method: .get)
            #expect(bad.status == .badRequest && bad.text.contains("after"))
        }
    }

    @Test func byQueryCursorsWalkEveryEntityOnceForwardAndBack() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            var seen: [String] = []
            var uri = "/api/catalog/entities/by-query?filter=kind=component&limit=2&orderField=metadata.name,asc"
            var pages: [JSONValue] = []
            while true {
                let page = try await client.json(uri)
                pages.append(page)
                #expect(page["totalItems"] == .number(5))
                seen += names(page["items"])
                guard let next = page["pageInfo"]?["nextCursor"]?.stringValue else { break }
                uri = "/api/catalog/entities/by-query?cursor=\(next)&limit=2"
            }
            #expect(seen == ["alpha", "bravo", "charlie", "delta", "echo"])
            #expect(pages[0]["pageInfo"]?["prevCursor"] == nil)
            let previous = try #require(pages[2]["pageInfo"]?["prevCursor"]?.stringValue)
            #expect(names(try await client.json("/api/catalog/entities/by-query?cursor=\(previous)&limit=2")["items"]) == ["charlie", "delta"])
        }
    }

    @Test func byQueryWithoutAnOrderFieldWalksEntitiesInUidOrder() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            for filter in ["", "filter=kind=component&"] {
                var uids: [String] = []
                var uri = "/api/catalog/entities/by-query?\(filter)limit=3&fields=metadata.uid"
                while true {
                    let page = try await client.json(uri)
                    uids += (page["items"]?.arrayValue ?? []).compactMap { $0["metadata"]?["uid"]?.stringValue }
                    guard let next = page["pageInfo"]?["nextCursor"]?.stringValue else { break }
                    uri = "/api/catalog/entities/by-query?cursor=\(next)&limit=3"
                }
                #expect(uids.count == (filter.isEmpty ? 8 : 5) && Set(uids).count == uids.count, "\(filter)")
                #expect(uids == uids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, "\(filter)")
                let one = try await client.json("/api/catalog/entities?filter=metadata.uid=\(uids[0].uppercased())&fields=metadata.uid")
                #expect(one == .array([.object(["metadata": .object(["uid": .string(uids[0])])])]), "a uid filter, as any value, ignores case")
            }
        }
    }

    @Test func byQueryFullTextTermMatchesInsideFields() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            let page = try await client.json("/api/catalog/entities/by-query?fullTextFilterTerm=SERVICE&fullTextFilterFields=metadata.title")
            #expect(names(page["items"]) == ["charlie"])
            let padded = try await client.json("/api/catalog/entities/by-query?fullTextFilterTerm=%20SERVICE%20&fullTextFilterFields=metadata.title")
            #expect(names(padded["items"]) == ["charlie"], "the term is trimmed")
        }
    }

    @Test func byRefsAnswersInInputOrderWithNullForMissing() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            let response = try await client.execute(uri: "/api/catalog/entities/by-refs", method: .post,
                body: ByteBuffer(string: #"{"entityRefs":["component:default/echo","component:default/nope","group:default/team-a"],"fields":["metadata.name"]}"#))
            let items = try response.json(JSONValue.self)["items"]?.arrayValue ?? []
            #expect(items.count == 3)
            #expect(items[0]["metadata"]?["name"] == .string("echo"))
            #expect(items[1] == .null)
            #expect(items[2]["metadata"]?["name"] == .string("team-a"))
        }
    }

    @Test func facetsCountValuesAsWritten() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            let facets = try await client.json("/api/catalog/entity-facets?facet=kind&facet=spec.type&filter=kind=component")["facets"]
            #expect(facets?["kind"] == .array([.object(["value": .string("Component"), "count": .number(5)])]))
            let types = facets?["spec.type"]?.arrayValue ?? []
            #expect(types.first == .object(["value": .string("service"), "count": .number(3)]))
        }
    }

    @Test func relationFacetsCountEntitiesPerTarget() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            let owners = try await client.json("/api/catalog/entity-facets?facet=relations.ownedBy&filter=kind=component")["facets"]
            #expect(owners?["relations.ownedBy"] == JSONValue.parse(jsonText: #"[{"value":"group:default/team-a","count":3},{"value":"group:default/team-b","count":2}]"#))
            let all = try await client.json("/api/catalog/entity-facets?facet=relations.ownedBy&facet=kind")["facets"]
            #expect(all?["relations.ownedBy"]?.arrayValue?.first == JSONValue.parse(jsonText: #"{"value":"group:default/team-a","count":4}"#))
            #expect(all?["kind"]?.arrayValue?.count == 3)
        }
    }

    @Test func byNameServesOneEntityAndUnknownIsABackstageStyle404() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            let alpha = try await client.json("/api/catalog/entities/by-name/component/default/alpha")
            #expect(alpha["relations"]?.arrayValue?.first?["targetRef"] == .string("group:default/team-a"))
            let uid = try #require(alpha["metadata"]?["uid"]?.stringValue)
            #expect(try await client.json("/api/catalog/entities/by-uid/\(uid)")["metadata"]?["name"] == .string("alpha"))
            let missing = try await client.execute(uri: "/api/catalog/entities/by-name/component/default/nope", method: .get)
            #expect(missing.status == .notFound)
            let body = try missing.json(ErrorBody.self)
            #expect(body.error.name == "NotFoundError")
            #expect(body.response.statusCode == 404)
            #expect(body.request?.method == "GET")
        }
    }

    @Test func deletingByUidNeedsAnEditorToken() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            let uid = try #require(try await client.json("/api/catalog/entities/by-name/component/default/alpha")["metadata"]?["uid"]?.stringValue)
            #expect(try await client.execute(uri: "/api/catalog/entities/by-uid/\(uid)", method: .delete).status == .unauthorized)
            let deleted = try await client.execute(uri: "/api/catalog/entities/by-uid/\(uid)", method: .delete, headers: bearer(TestServer.bootstrapToken))
            #expect(deleted.status == .noContent)
            #expect(try await client.execute(uri: "/api/catalog/entities/by-uid/\(uid)", method: .get).status == .notFound)
        }
    }

    @Test func aRepeatedByQueryAnswerFollowsTheCatalogAfterAWrite() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            let uri = "/api/catalog/entities/by-query?filter=kind=component&orderField=metadata.name,asc"
            let first = try await client.json(uri)
            #expect(try await client.json(uri) == first)
            #expect(first["totalItems"] == .number(5) && names(first["items"]).first == "alpha")
            let uid = try #require(first["items"]?.arrayValue?.first?["metadata"]?["uid"]?.stringValue)
            let deleted = try await client.execute(uri: "/api/catalog/entities/by-uid/\(uid)", method: .delete, headers: bearer(TestServer.bootstrapToken))
            #expect(deleted.status == .noContent)
            let after = try await client.json(uri)
            #expect(after["totalItems"] == .number(4) && names(after["items"]) == ["bravo", "charlie", "delta", "echo"])
        }
    }

    @Test func locationsAreListedFetchedAndDeleted() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            let listed = try await client.json("/api/catalog/locations").arrayValue ?? []
            #expect(listed.count == 1)
            let id = try #require(listed.first?["data"]?["id"]?.stringValue)
            #expect(try await client.json("/api/catalog/locations/\(id)")["type"] == .string("file"))
            #expect(try await client.json("/api/catalog/locations/by-entity/component/default/alpha")["id"] == .string(id))
            #expect(try await client.json("/api/catalog/locations/\(id)/problems")["items"] == .array([]))
            #expect(try await client.execute(uri: "/api/catalog/locations/\(id)", method: .delete, headers: bearer(TestServer.bootstrapToken)).status == .noContent)
            #expect(try await client.json("/api/catalog/entities") == .array([]))
        }
    }

    @Test func registeringAnExistingLocationIsAConflictUnlessAskedToRefreshIt() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            let listed = try await client.json("/api/catalog/locations").arrayValue ?? []
            let location = try #require(listed.first?["data"])
            let body = ByteBuffer(string: #"{"type":"file","target":"\#(location["target"]?.stringValue ?? "")"}"#)
            let again = try await client.execute(uri: "/api/catalog/locations", method: .post, headers: bearer(TestServer.bootstrapToken), body: body)
            #expect(again.status == .conflict, "\(again.text)")
            #expect(try again.json(JSONValue.self)["error"]?["name"] == .string("ConflictError"))
            let refreshed = try await client.execute(uri: "/api/catalog/locations?onConflict=refresh", method: .post, headers: bearer(TestServer.bootstrapToken), body: body)
            #expect(refreshed.status == .created, "\(refreshed.text)")
            let answer = try refreshed.json(JSONValue.self)
            #expect(answer["exists"] == .bool(true) && answer["location"]?["id"] == location["id"])
            #expect(answer["entities"]?.arrayValue?.count == 8)
            let unknown = try await client.execute(uri: "/api/catalog/locations?onConflict=merge", method: .post, headers: bearer(TestServer.bootstrapToken), body: body)
            #expect(unknown.status == .badRequest && unknown.text.contains("onConflict"))
        }
    }

    @Test func registeringALocationNeedsAnEditorAndAKnownType() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            let anonymous = try await client.execute(uri: "/api/catalog/locations", method: .post, body: ByteBuffer(string: #"{"type":"file","target":"/tmp"}"#))
            #expect(anonymous.status == .unauthorized)
            let badType = try await client.execute(uri: "/api/catalog/locations", method: .post, headers: bearer(TestServer.bootstrapToken),
                                                   body: ByteBuffer(string: #"{"type":"ftp","target":"x"}"#))
            #expect(badType.status == .badRequest)
        }
    }

    @Test func validateEntityAnswersEmptyWhenValidAndListsErrorsWhenNot() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            let valid = try await client.execute(uri: "/api/catalog/validate-entity", method: .post, body: ByteBuffer(string:
                #"{"location":"url:x","entity":{"apiVersion":"backstage.io/v1alpha1","kind":"Group","metadata":{"name":"g"},"spec":{"type":"team","children":[]}}}"#))
            #expect(valid.status == .ok)
            #expect(valid.body.readableBytes == 0, "as Backstage: an empty 200")
            let invalid = try await client.execute(uri: "/api/catalog/validate-entity", method: .post, body: ByteBuffer(string:
                #"{"location":"url:x","entity":{"apiVersion":"backstage.io/v1alpha1","kind":"Component","metadata":{"name":"bad name"},"spec":{}}}"#))
            #expect(invalid.status == .badRequest)
            let errors = try invalid.json(JSONValue.self)["errors"]?.arrayValue ?? []
            #expect(errors.contains { $0["message"]?.stringValue?.hasPrefix("metadata.name") == true })
            for location in [nil, "file:/tmp/x.yaml", "url:"] {
                let member = location.map { #""location":"\#($0)","# } ?? ""
                let refused = try await client.execute(uri: "/api/catalog/validate-entity", method: .post, body: ByteBuffer(string:
                    #"{\#(member)"entity":{"apiVersion":"backstage.io/v1alpha1","kind":"Group","metadata":{"name":"g"},"spec":{"type":"team","children":[]}}}"#))
                #expect(refused.status == .badRequest, "\(location ?? "no location")")
                #expect(try refused.json(JSONValue.self)["errors"]?.arrayValue?.first?["message"]?.stringValue?.hasPrefix("location") == true)
            }
            let noEntity = try await client.execute(uri: "/api/catalog/validate-entity", method: .post, body: ByteBuffer(string: #"{"location":"url:x"}"#))
            #expect(try noEntity.json(JSONValue.self)["errors"]?.arrayValue?.count == 1)
        }
    }

    @Test func ancestryLeadsFromTheEntityToItsLocation() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            let ancestry = try await client.json("/api/catalog/entities/by-name/component/default/alpha/ancestry")
            #expect(ancestry["rootEntityRef"] == .string("component:default/alpha"))
            #expect(ancestry["items"]?.arrayValue?.count == 1)
        }
    }

    @Test func malformedCursorAndLimitAreClearErrors() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            #expect(try await client.execute(uri: "/api/catalog/entities/by-query?cursor=%%%", method: .get).status == .badRequest)
            #expect(try await client.execute(uri: "/api/catalog/entities/by-query?limit=-1", method: .get).status == .badRequest)
            #expect(try await client.execute(uri: "/api/catalog/entities?offset=x", method: .get).status == .badRequest)
        }
    }
}
