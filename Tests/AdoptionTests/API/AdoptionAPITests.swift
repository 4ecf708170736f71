import Adoption
import Catalog
import FoyerCore
import FoyerTestSupport
import HTTPTypes
import HummingbirdTesting
import Insights
import NIOCore
import Testing

/// The adoption and learning API over a server whose catalog is `descriptors` (read at start).
func withAdoptionAPI(_ descriptors: [String], _ body: @escaping @Sendable (any TestClientProtocol, TestPeople) async throws -> Void) async throws {
    let folder = try TestFolder()
    try folder.write("catalog-info.yaml", descriptors.joined(separator: "\n---\n"))
    let catalog = CatalogModule(customKinds: AdoptionModule.customKinds)
    let modules: [any FoyerModule] = [catalog, InsightsModule(people: { _ in FixedHeadcount(0) }), try AdoptionModule(catalog: catalog)]
    try await TestServer.with(modules: modules, configure: {
        $0.catalogPaths = [folder.file("catalog-info.yaml")]
        $0.dataDir = folder.path + "/data"
    }) { server, client in
        try await server.startModules()
        try await body(client, TestPeople(server))
    }
}

@Suite struct AdoptionAPITests {
    struct Locked: Decodable, Equatable { let feature: String; let title: String; let snippet: String?; let learningPath: String? }
    struct EntityAnswer: Decodable { let entityRef: String; let unlocked: [String]; let locked: [Locked]; let applicable: Int; let percent: Double? }

    @Test func theEntityAnswerListsUnlockedAndLockedFeaturesWithSnippets() async throws {
        try await withAdoptionAPI(TeamsCatalog.descriptors) { client, people in
            let response = try await client.execute(uri: "/api/adoption/entities/component/default/c2", method: .get)
            #expect(response.status == .ok)
            let answer = try response.json(EntityAnswer.self)
            #expect(answer.entityRef == "component:default/c2")
            #expect(answer.unlocked == ["kubernetes", "ownership", "techdocs"])
            #expect(answer.locked.map(\.feature) == ["apis", "ci", "code-quality", "description", "error-tracking", "links", "on-call",
                                                     "source-location", "system", "tags"])
            #expect(answer.locked.first { $0.feature == "ci" }?.learningPath == "ci-101")
            #expect(answer.locked.allSatisfy { !($0.snippet ?? "").isEmpty })
            #expect(answer.applicable == 13)
            #expect(answer.percent == 23.1)   // 3 of 13
            #expect(try await client.execute(uri: "/api/adoption/entities/component/default/nope", method: .get).status == .notFound)
        }
    }

    @Test func groupAndSummaryAnswersHaveTheSpecsShape() async throws {
        try await withAdoptionAPI(TeamsCatalog.descriptors) { client, people in
            let group = try await client.execute(uri: "/api/adoption/groups/default/team", method: .get)
            #expect(group.status == .ok)
            let value = try #require(JSONValue.parse(jsonText: group.text))
            #expect(value["groupRef"]?.stringValue == "group:default/team")
            #expect(value["entities"] == .number(2))
            #expect(value["features"]?.arrayValue?.first?["feature"] == .string("apis"))
            #expect(try await client.execute(uri: "/api/adoption/groups/default/nobody", method: .get).status == .notFound)
            let summary = try #require(JSONValue.parse(jsonText: try await client.execute(uri: "/api/adoption/summary", method: .get).text))
            #expect(summary["entities"] == .number(5))
            #expect(summary["groups"]?.arrayValue?.count == 5)
            #expect(summary["history"]?.arrayValue?.last?["percent"] == summary["percent"])
            let features = try #require(JSONValue.parse(jsonText: try await client.execute(uri: "/api/adoption/features", method: .get).text))
            let techdocs = features["items"]?.arrayValue?.first { $0["name"] == .string("techdocs") }
            #expect(techdocs?["appliesTo"] == .string("kind=component"))
            #expect(techdocs?["unlockedWhen"]?["operator"] == .string("exists"))
        }
    }

    @Test func checkingOffNeedsTheSignedInPersonOrAnAdminAndAManualStep() async throws {
        try await withAdoptionAPI(TeamsCatalog.descriptors + [PathDescriptors.firstWeek]) { client, people in
            func post(_ body: String, headers: HTTPFields = [:]) async throws -> TestResponse {
                try await client.execute(uri: "/api/learning/progress", method: .post, headers: headers, body: ByteBuffer(string: body))
            }
            let reflect = #"{"user":"user:default/jane","path":"first-week","step":"reflect"}"#
            #expect(try await post(reflect).status == .unauthorized)
            #expect(try await post(reflect, headers: try await people.headers("user:default/bob")).status == .forbidden)
            let own = try await post(reflect, headers: try await people.headers("user:default/jane"))
            #expect(own.status == .ok, "\(own.text)")
            #expect(JSONValue.parse(jsonText: own.text)?["completed"] == .number(2), "reflect, and docs through squad's c1")
            let tour = #"{"user":"user:default/bob","path":"first-week","step":"tour"}"#
            #expect(try await post(tour, headers: bearer(TestServer.bootstrapToken)).status == .conflict)
            #expect(try await post(#"{"user":"user:default/bob","path":"first-week","step":"reflect"}"#, headers: bearer(TestServer.bootstrapToken)).status == .ok)
            #expect(try await post("{", headers: bearer(TestServer.bootstrapToken)).status == .badRequest)

            let progress = try await client.execute(uri: "/api/learning/progress?user=user:default/jane&path=first-week", method: .get)
            let value = try #require(JSONValue.parse(jsonText: progress.text))
            #expect(value["percent"] == .number(50))
            #expect(value["steps"]?.arrayValue?.map { $0["id"]?.stringValue ?? "" } == ["tour", "insights", "docs", "reflect"])
            #expect(value["steps"]?.arrayValue?[3]["completedAt"]?.stringValue?.hasSuffix("Z") == true)
            #expect(try await client.execute(uri: "/api/learning/progress?user=jane", method: .get).status == .badRequest)
            #expect(try await client.execute(uri: "/api/learning/progress?user=jane&path=nope", method: .get).status == .notFound)

            let paths = try #require(JSONValue.parse(jsonText: try await client.execute(uri: "/api/learning/paths", method: .get).text))
            #expect(paths["items"]?.arrayValue?.first?["steps"] == .number(4))
            #expect(paths["items"]?.arrayValue?.first?["onboarding"] == .bool(true))
            let stats = try #require(JSONValue.parse(jsonText: try await client.execute(uri: "/api/learning/paths/first-week/stats", method: .get).text))
            #expect(stats["steps"]?.arrayValue?.last?["completed"] == .number(2))
        }
    }
}
