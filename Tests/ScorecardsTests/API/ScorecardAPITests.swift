import Catalog
import FoyerCore
import FoyerTestSupport
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Scorecards
import Testing

/// The scorecards API over a server whose catalog is the hand-computed one (read at start).
func withScorecardAPI(_ body: @escaping @Sendable (any TestClientProtocol, TestPeople) async throws -> Void) async throws {
    let folder = try TestFolder()
    try folder.write("catalog-info.yaml", ScorecardCatalog.descriptors.joined(separator: "\n---\n"))
    let builtIn = BuiltInScorecards(checks: [], tracks: [])
    let catalog = CatalogModule(customKinds: ScorecardsModule.customKinds) { [ScorecardsModule.locationCheck(builtIn: builtIn, database: $0)] }
    try await TestServer.with(modules: [catalog, ScorecardsModule(catalog: catalog, builtIn: builtIn)], configure: {
        $0.catalogPaths = [folder.file("catalog-info.yaml")]
        $0.dataDir = folder.path + "/data"
    }) { server, client in
        try await server.startModules()
        try await body(client, TestPeople(server))
    }
}

@Suite struct ScorecardAPITests {
    func json(_ client: any TestClientProtocol, _ uri: String) async throws -> JSONValue {
        let response = try await client.execute(uri: uri, method: .get)
        #expect(response.status == .ok, "\(uri): \(response.text)")
        return try #require(JSONValue.parse(jsonText: response.text))
    }

    @Test func theEntityAnswerListsEachApplicableTracksChecksSortedByName() async throws {
        try await withScorecardAPI { client, people in
            let answer = try await json(client, "/api/scorecards/entities/component/default/c")
            #expect(answer["entityRef"] == .string("component:default/c"))
            let track = try #require(answer["tracks"]?.arrayValue?.first)
            #expect(track["track"] == .string("ready") && track["level"] == .string("Bronze") && track["levelIndex"] == .number(1))
            let checks = track["checks"]?.arrayValue ?? []
            #expect(checks.map { $0["check"]?.stringValue ?? "" } == ["docs", "k8s", "oncall", "owned"])
            #expect(checks.map { $0["result"]?.stringValue ?? "" } == ["failed", "passed", "passed", "passed"])
            #expect(checks[0]["message"] == .string("fix docs"))
            let group = try await json(client, "/api/scorecards/entities/group/default/team-a")
            #expect(group["tracks"] == .array([]))
            #expect(try await client.execute(uri: "/api/scorecards/entities/component/default/zz", method: .get).status == .notFound)
        }
    }

    @Test func trackAndCampaignAnswersHaveTheSpecsShape() async throws {
        try await withScorecardAPI { client, people in
            let track = try await json(client, "/api/scorecards/tracks/ready")
            #expect(track["levels"] == .array([.object(["name": .string("Bronze"), "entities": .number(2)]),
                                               .object(["name": .string("Silver"), "entities": .number(1)]),
                                               .object(["name": .string("Gold"), "entities": .number(1)])]))
            #expect(track["none"] == .number(1))
            #expect(track["groups"]?.arrayValue?.first?["levels"]?["Gold"] == .number(1))
            let campaign = try await json(client, "/api/scorecards/campaigns/docs-everywhere")
            #expect(campaign["campaign"] == .string("docs-everywhere"))
            #expect(campaign["total"] == .number(5) && campaign["done"] == .number(3) && campaign["percent"] == .number(60))
            #expect(campaign["deadline"] == .string("2027-01-31"))
            #expect(campaign["byOwner"]?.arrayValue?.first == .object(["owner": .string("group:default/team-a"), "total": .number(2), "done": .number(2)]))
            #expect(campaign["history"]?.arrayValue?.last?["done"] == .number(3))
            #expect(try await json(client, "/api/scorecards/checks")["items"]?.arrayValue?.count == 5)
            #expect(try await json(client, "/api/scorecards/tracks")["items"]?.arrayValue?.first?["levels"]?.arrayValue?.count == 3)
            #expect(try await json(client, "/api/scorecards/campaigns")["items"]?.arrayValue?.count == 3)
            #expect(try await client.execute(uri: "/api/scorecards/tracks/nope", method: .get).status == .notFound)
        }
    }

    @Test func ownersAndAdminsManageExemptionsAndOthersCannot() async throws {
        try await withScorecardAPI { client, people in
            func post(_ body: String, headers: HTTPFields = [:]) async throws -> TestResponse {
                var headers = headers
                headers[.contentType] = "application/json"
                return try await client.execute(uri: "/api/scorecards/exemptions", method: .post, headers: headers, body: ByteBuffer(string: body))
            }
            let body = #"{"entityRef":"component:default/c","check":"docs","reason":"docs move in January","expires":"2099-01-31"}"#
            #expect(try await post(body).status == .unauthorized)
            #expect(try await post(body, headers: try await people.headers("user:default/dan")).status == .forbidden, "dan is not in team-b")
            let created = try await post(body, headers: try await people.headers("user:default/bea"))
            #expect(created.status == .created, "\(created.text)")
            let exemption = try #require(JSONValue.parse(jsonText: created.text))
            let id = try #require(exemption["id"]?.stringValue)
            #expect(exemption["expires"] == .string("2099-02-01T00:00:00.000Z"))
            let c = try await json(client, "/api/scorecards/entities/component/default/c")
            #expect(c["tracks"]?.arrayValue?.first?["level"] == .string("Gold"))
            #expect(c["tracks"]?.arrayValue?.first?["checks"]?.arrayValue?.first?["message"] == .string("Exempt: docs move in January"))

            #expect(try await post(#"{"entityRef":"component:default/c","check":"docs","expires":"2099-01-31"}"#, headers: bearer(TestServer.bootstrapToken)).status == .badRequest)
            #expect(try await post(#"{"entityRef":"component:default/c","check":"docs","reason":"x","expires":"2020-01-01"}"#, headers: bearer(TestServer.bootstrapToken)).status == .badRequest)
            #expect(try await post("{", headers: bearer(TestServer.bootstrapToken)).status == .badRequest)

            #expect(try await client.execute(uri: "/api/scorecards/exemptions/\(id)", method: .delete, headers: try await people.headers("user:default/dan")).status == .forbidden)
            #expect(try await client.execute(uri: "/api/scorecards/exemptions/\(id)", method: .delete, headers: bearer(TestServer.bootstrapToken)).status == .noContent)
            #expect(try await client.execute(uri: "/api/scorecards/exemptions/\(id)", method: .delete, headers: bearer(TestServer.bootstrapToken)).status == .notFound)
            let after = try await json(client, "/api/scorecards/entities/component/default/c")
            #expect(after["tracks"]?.arrayValue?.first?["level"] == .string("Bronze"))
        }
    }
}
