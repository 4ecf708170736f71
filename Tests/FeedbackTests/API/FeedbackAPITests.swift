import Catalog
import Feedback
import FoyerCore
import FoyerTestSupport
import HTTPTypes
import HummingbirdTesting
import Insights
import NIOCore
import Testing

/// The feedback API over a server whose catalog has a team owning `web`, two people, and surveys
/// open around today (one closed).
func withFeedbackAPI(thumbs: Bool = false,
                     _ body: @escaping @Sendable (any TestClientProtocol, _ ana: HTTPFields, _ ben: HTTPFields) async throws -> Void) async throws {
    let today = Day(epochMillis: EpochMillis.now().value)
    let folder = try TestFolder()
    let descriptors = [
        "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n",
        "apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: ana\nspec:\n  memberOf: [team-a]\n",
        "apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: ben\nspec:\n  memberOf: []\n",
        "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: web\nspec:\n  type: website\n  lifecycle: production\n  owner: team-a\n",
        surveyYAML("portal-nps", spec: """
          window: {start: \(today + -10), end: \(today + 10)}
          questions:
            - {id: recommend, type: nps, text: Would you recommend Foyer?, required: true}
            - {id: comment, type: text, text: Why?}

        """),
        surveyYAML("pulse", spec: "  window: {start: \(today + -5), end: \(today + 20)}\n  frequencyCapDays: 30\n  questions: [{id: q, type: rating, text: Rate}]\n"),
        surveyYAML("last-year", spec: "  window: {start: 2025-01-01, end: 2025-01-31}\n  questions: [{id: q, type: rating, text: Rate}]\n"),
    ]
    try folder.write("catalog-info.yaml", descriptors.joined(separator: "\n---\n"))
    let catalog = CatalogModule(customKinds: FeedbackModule.customKinds)
    let modules: [any FoyerModule] = [catalog, InsightsModule(people: { _ in FixedHeadcount(0) }), FeedbackModule(catalog: catalog)]
    try await TestServer.with(modules: modules, configure: {
        $0.catalogPaths = [folder.file("catalog-info.yaml")]
        $0.dataDir = folder.path + "/data"
        $0.feedbackThumbs = thumbs
    }) { server, client in
        try await server.startModules()
        let people = TestPeople(server)
        try await body(client, try await people.headers("user:default/ana"), try await people.headers("user:default/ben"))
    }
}

@Suite struct FeedbackAPITests {
    func send(_ client: any TestClientProtocol, _ uri: String, _ body: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        var headers = headers
        headers[.contentType] = "application/json"
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    func json(_ client: any TestClientProtocol, _ uri: String, headers: HTTPFields = [:]) async throws -> JSONValue {
        let response = try await client.execute(uri: uri, method: .get, headers: headers)
        #expect(response.status == .ok, "\(uri): \(response.text)")
        return try #require(JSONValue.parse(jsonText: response.text))
    }

    @Test func signedInPeopleRateOnceEachAndOwnersReadCommentsAndReply() async throws {
        try await withFeedbackAPI { client, ana, ben in
            let uri = "/api/feedback/entities/component/default/web"
            let empty = try await json(client, uri)
            #expect(empty["count"] == .number(0) && empty["average"] == .null && empty["responses"] == nil)
            #expect(empty["distribution"] == .object(["1": .number(0), "2": .number(0), "3": .number(0), "4": .number(0), "5": .number(0)]))

            #expect(try await send(client, uri, #"{"rating":4}"#).status == .unauthorized)
            #expect(try await send(client, uri, #"{"rating":6}"#, headers: ben).status == .badRequest)
            #expect(try await send(client, uri, #"{"rating":0}"#, headers: ben).status == .badRequest)
            #expect(try await send(client, uri, #"{"rating":3,"reasons":["too blue"]}"#, headers: ben).status == .badRequest)
            let long = String(repeating: "x", count: 4001)
            #expect(try await send(client, uri, #"{"rating":3,"comment":"\#(long)"}"#, headers: ben).status == .badRequest)
            #expect(try await send(client, uri, "[1]", headers: ben).status == .badRequest)
            #expect(try await send(client, "/api/feedback/entities/component/default/nope", #"{"rating":3}"#, headers: ben).status == .notFound)

            #expect(try await send(client, uri, #"{"rating":1,"reasons":["missing docs"],"comment":"<script>alert(1)</script>","anonymous":true}"#, headers: ben).status == .created)
            #expect(try await send(client, uri, #"{"rating":2,"reasons":["missing docs","out of date"],"comment":"Docs are stale","anonymous":true}"#, headers: ben).status == .created)
            #expect(try await send(client, uri, #"{"rating":5}"#, headers: ana).status == .created)

            let asBen = try await json(client, uri, headers: ben)
            // ben's second rating replaced his first: 2 and 5.
            #expect(asBen["count"] == .number(2) && asBen["average"] == .number(3.5))
            #expect(asBen["reasons"] == .array([.object(["reason": .string("missing docs"), "count": .number(1)]),
                                               .object(["reason": .string("out of date"), "count": .number(1)])]))
            #expect(asBen["responses"] == nil, "ben does not own web")
            #expect(asBen["yours"]?["comment"] == .string("Docs are stale"))

            let asOwner = try await json(client, uri, headers: ana)
            let responses = try #require(asOwner["responses"]?.arrayValue)
            let bens = try #require(responses.first { $0["rating"] == .number(2) })
            #expect(bens["person"] == .string("anonymous"))
            let id = try #require(bens["id"]?.stringValue)
            #expect(try await send(client, "/api/feedback/ratings/\(id)/replies", #"{"text":"Updated the docs"}"#, headers: ben).status == .forbidden)
            #expect(try await send(client, "/api/feedback/ratings/\(id)/replies", #"{"text":"Updated the docs"}"#, headers: ana).status == .created)
            #expect(try await send(client, "/api/feedback/ratings/nope/replies", #"{"text":"x"}"#, headers: ana).status == .notFound)
            let replied = try await json(client, uri, headers: ben)
            #expect(replied["yours"]?["replies"]?.arrayValue?.first?["text"] == .string("Updated the docs"))
            #expect(replied["yours"]?["replies"]?.arrayValue?.first?["author"] == .string("user:default/ana"))
            // Rating again keeps the reply in sight.
            #expect(try await send(client, uri, #"{"rating":3}"#, headers: ben).status == .created)
            #expect(try await json(client, uri, headers: ben)["yours"]?["replies"]?.arrayValue?.count == 1)
            #expect(try await send(client, uri, #"{"rating":2,"reasons":["missing docs","out of date"],"comment":"Docs are stale","anonymous":true}"#, headers: ben).status == .created)
            let asAdmin = try await json(client, uri, headers: bearer(TestServer.bootstrapToken))
            #expect(asAdmin["responses"]?.arrayValue?.count == 2)

            let team = try await json(client, "/api/feedback/groups/default/team-a")
            #expect(team["items"]?.arrayValue?.map { $0["entityRef"] } == [.string("component:default/web")])
            #expect(team["items"]?.arrayValue?.first?["average"] == .number(3.5))
            let csv = try await client.execute(uri: "/api/feedback/groups/default/team-a?format=csv", method: .get)
            #expect(csv.text == "entityRef,average,count,1,2,3,4,5\r\ncomponent:default/web,3.5,2,0,1,0,0,1\r\n")
            let ratingsCSV = try await client.execute(uri: uri + "?format=csv", method: .get)
            #expect(ratingsCSV.text == "rating,count\r\n1,0\r\n2,1\r\n3,0\r\n4,0\r\n5,1\r\n")
            #expect(try await client.execute(uri: "/api/feedback/groups/default/nobody", method: .get).status == .notFound)
        }
    }

    @Test func withThumbsARatingIsUpOrDownKeptAsFiveOrOne() async throws {
        try await withFeedbackAPI(thumbs: true) { client, ana, ben in
            let uri = "/api/feedback/entities/component/default/web"
            #expect(try await send(client, uri, #"{"rating":3}"#, headers: ben).status == .badRequest)
            #expect(try await send(client, uri, #"{"rating":5}"#, headers: ben).status == .created)
            #expect(try await send(client, uri, #"{"rating":1}"#, headers: ana).status == .created)
            let answer = try await json(client, uri)
            #expect(answer["scale"] == .string("thumbs") && answer["average"] == .number(3) && answer["count"] == .number(2))
            #expect(answer["distribution"]?["5"] == .number(1) && answer["distribution"]?["1"] == .number(1))
        }
    }

    @Test func peopleAnswerAnOpenSurveyOnceAndResultsAddUp() async throws {
        try await withFeedbackAPI { client, ana, ben in
            let surveys = try await json(client, "/api/feedback/surveys")
            #expect(surveys["items"]?.arrayValue?.map { $0["name"]?.stringValue ?? "" } == ["last-year", "portal-nps", "pulse"])
            #expect(surveys["items"]?.arrayValue?.map { $0["open"] } == [.bool(false), .bool(true), .bool(true)])

            #expect(try await client.execute(uri: "/api/feedback/surveys/eligibility", method: .get).status == .unauthorized)
            let before = try await json(client, "/api/feedback/surveys/eligibility", headers: ben)
            #expect(before["prompt"]?["name"] == .string("portal-nps"))

            let respond = "/api/feedback/surveys/portal-nps/responses"
            #expect(try await send(client, respond, #"{"answers":{"recommend":11}}"#, headers: ben).status == .badRequest)
            #expect(try await send(client, respond, #"{"answers":{"recommend":9,"colour":"blue"}}"#, headers: ben).status == .badRequest)
            #expect(try await send(client, respond, #"{"answers":{"comment":"no score"}}"#, headers: ben).status == .badRequest)
            #expect(try await send(client, respond, #"{"answers":{"recommend":10,"comment":"Great"}}"#, headers: ben).status == .created)
            #expect(try await send(client, respond, #"{"dismissed":true}"#, headers: ben).status == .conflict)
            #expect(try await send(client, respond, #"{"answers":{"recommend":3}}"#, headers: ana).status == .created)
            #expect(try await send(client, "/api/feedback/surveys/last-year/responses", #"{"answers":{"q":4}}"#, headers: ana).status == .conflict)
            #expect(try await send(client, "/api/feedback/surveys/nope/responses", #"{"dismissed":true}"#, headers: ana).status == .notFound)

            // The frequency cap holds across surveys: having answered one, ben is not asked the other for 30 days.
            let after = try await json(client, "/api/feedback/surveys/eligibility", headers: ben)
            #expect(after["prompt"] == .null)
            let pulse = try #require(after["surveys"]?.arrayValue?.first { $0["survey"] == .string("pulse") })
            #expect(pulse["eligible"] == .bool(false) && pulse["reason"] == .string("askedRecently"))
            let nps = try #require(after["surveys"]?.arrayValue?.first { $0["survey"] == .string("portal-nps") })
            #expect(nps["reason"] == .string("alreadyResponded"))
            let csv = try await client.execute(uri: "/api/feedback/surveys/portal-nps/results?format=csv", method: .get)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.text.hasPrefix("question,answer,count\r\nrecommend,0,0\r\n"))
            let results = try await json(client, "/api/feedback/surveys/portal-nps/results")
            #expect(results["survey"] == .string("portal-nps") && results["responses"] == .number(2) && results["eligible"] == .number(2))
            // One promoter and one detractor: 0.0.
            #expect(results["nps"] == .number(0))
            let questions = try #require(results["questions"]?.arrayValue)
            #expect(questions[0]["distribution"]?["10"] == .number(1) && questions[0]["distribution"]?["3"] == .number(1))
            #expect(questions[1]["comments"] == .array([.string("Great")]), "without who wrote it")
        }
    }
}
