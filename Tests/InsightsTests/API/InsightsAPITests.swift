import Foundation
import FoyerCore
import FoyerTestSupport
import HTTPTypes
import HummingbirdTesting
@testable import Insights
import NIOCore
import Testing

@Suite struct InsightsAPITests {
    static func withInsights(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await TestServer.with(modules: [InsightsModule(people: { _ in FixedHeadcount(4) })]) { _, client in try await body(client) }
    }

    static func post(_ client: any TestClientProtocol, _ body: String, token: String? = TestServer.bootstrapToken) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: "/api/insights/events", method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    static func event(_ id: String, user: String = "jane", action: String = "navigate", subject: String = "/catalog", time: String = "2026-01-05T10:00:00Z") -> String {
        #"{"id":"\#(id)","action":"\#(action)","subject":"\#(subject)","user":"\#(user)","timestamp":"\#(time)"}"#
    }

    @Test func validEventsAreStoredEvenWhenOthersInTheBatchAreRejected() async throws {
        try await Self.withInsights { client in
            let batch = "[\(Self.event("a")), {\"action\":\"x\"}, \(Self.event("b", user: "bob")), \(Self.event("a"))]"
            let response = try await Self.post(client, batch)
            #expect(response.status == .accepted)
            let answer = try response.json(JSONValue.self)
            #expect(answer["accepted"] == .number(2))
            #expect(answer["duplicates"] == .number(1))
            #expect(answer["rejected"]?.arrayValue?.count == 1)
            #expect(answer["rejected"]?.arrayValue?.first?["index"] == .number(1))
            let again = try await Self.post(client, "[\(Self.event("a")), \(Self.event("b", user: "bob"))]").json(JSONValue.self)
            #expect(again["accepted"] == .number(0) && again["duplicates"] == .number(2))
            let summary = try await client.execute(uri: "/api/insights/summary?from=2026-01-01&to=2026-01-31", method: .get).json(JSONValue.self)
            #expect(summary["activeUsers"] == .number(2) && summary["events"] == .number(2) && summary["headcount"] == .number(4))
            #expect(summary["adoption"] == .number(0.5))
        }
    }

    @Test func malformedOrOversizedBatchesAreRefusedWholeAndStoreNothing() async throws {
        try await Self.withInsights { client in
            #expect(try await Self.post(client, "{not json").status == .badRequest)
            #expect(try await Self.post(client, #"{"action":"navigate"}"#).status == .badRequest)
            let tooMany = "[" + (0...1000).map { Self.event("e\($0)") }.joined(separator: ",") + "]"
            #expect(try await Self.post(client, tooMany).status == .contentTooLarge)
            #expect(try await Self.post(client, "[\(Self.event("x"))]", token: nil).status == .unauthorized)
            let summary = try await client.execute(uri: "/api/insights/summary?from=2026-01-01&to=2026-01-31", method: .get).json(JSONValue.self)
            #expect(summary["events"] == .number(0))
            #expect(summary["stickiness"] == .null)
        }
    }

    @Test func theLargestValidBatchIsAcceptedThoughItIsOverTheGeneralBodyLimit() async throws {
        try await Self.withInsights { client in
            let subject = String(repeating: "s", count: EventValidator.maxSubjectLength)
            let batch = "[" + (0..<EventsController.maxEvents).map { Self.event("long\($0)", subject: subject) }.joined(separator: ",") + "]"
            #expect(batch.utf8.count > ServerConfiguration().maxBodySize)
            let response = try await Self.post(client, batch)
            #expect(response.status == .accepted, "\(response.text.prefix(300))")
            #expect(try response.json(JSONValue.self)["accepted"] == .number(1000))
            let huge = try await Self.post(client, "[" + String(repeating: " ", count: EventsController.maxBodyBytes) + "]")
            #expect(huge.status == .contentTooLarge)
        }
    }

    @Test func kpiEndpointsAnswerTheSpecShapesAndCSV() async throws {
        try await Self.withInsights { client in
            _ = try await Self.post(client, "[\(Self.event("1", subject: "/catalog?kind=api")), \(Self.event("2", user: "bob", subject: "/catalog#x", time: "2026-01-12T00:00:00Z")), \(Self.event("3", action: "search", subject: "Kafka", time: "2026-01-12T09:00:00Z"))]")
            let weeks = try await client.execute(uri: "/api/insights/active-users?from=2026-01-05&to=2026-01-18&grouping=week", method: .get).json(JSONValue.self)
            #expect(weeks == JSONValue.parse(jsonText: #"{"grouping":"week","items":[{"period":"2026-01-05","activeUsers":1,"newUsers":1,"returningUsers":0},{"period":"2026-01-12","activeUsers":2,"newUsers":1,"returningUsers":1}]}"#))
            let retention = try await client.execute(uri: "/api/insights/retention?from=2026-01-05&to=2026-01-18", method: .get).json(JSONValue.self)
            #expect(retention == JSONValue.parse(jsonText: #"{"cohorts":[{"week":"2026-01-05","size":1,"retained":[1,1]},{"week":"2026-01-12","size":1,"retained":[1]}]}"#))
            let pages = try await client.execute(uri: "/api/insights/top?dimension=pages&from=2026-01-01&to=2026-01-31", method: .get).json(JSONValue.self)
            #expect(pages == JSONValue.parse(jsonText: #"{"dimension":"pages","items":[{"key":"/catalog","events":2,"users":2}]}"#))
            let retentionCSV = try await client.execute(uri: "/api/insights/retention?from=2026-01-05&to=2026-01-18&format=csv", method: .get).text
            #expect(retentionCSV == "week,size,week0,week1\r\n2026-01-05,1,1,1\r\n2026-01-12,1,1,\r\n", "every row as wide as the header")
            let csv = try await client.execute(uri: "/api/insights/top?dimension=searches&from=2026-01-01&to=2026-01-31&format=csv", method: .get)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.text == "key,events,users\r\nkafka,1,1\r\n")
        }
    }

    @Test func badParametersNameTheParameter() async throws {
        try await Self.withInsights { client in
            for (uri, parameter) in [("/api/insights/active-users?from=2026-01-01&to=2026-01-31&grouping=year", "grouping"),
                                     ("/api/insights/top?dimension=colours&from=2026-01-01&to=2026-01-31", "dimension"),
                                     ("/api/insights/summary?from=2026-02-01&to=2026-01-01", "from"),
                                     ("/api/insights/retention?from=2026-01-01&to=2026-13-01", "to"),
                                     ("/api/insights/summary?from=2020-01-01&to=2026-01-01", "3 years"),
                                     ("/api/insights/top?dimension=pages&from=2026-01-01&to=2026-01-31&limit=1001", "limit")] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .badRequest, "\(uri)")
                #expect(response.text.contains(parameter), "\(uri): \(response.text)")
            }
        }
    }

    @Test func onlyAdminsExcludeUsers() async throws {
        try await Self.withInsights { client in
            let body = ByteBuffer(string: #"{"reason":"CI bot"}"#)
            #expect(try await client.execute(uri: "/api/insights/excluded-users/ci-bot", method: .put, body: body).status == .unauthorized)
            #expect(try await client.execute(uri: "/api/insights/excluded-users/ci-bot", method: .put, headers: bearer(TestServer.bootstrapToken), body: body).status == .noContent)
            let list = try await client.execute(uri: "/api/insights/excluded-users", method: .get, headers: bearer(TestServer.bootstrapToken)).json(JSONValue.self)
            #expect(list["items"]?.arrayValue?.first?["user"] == .string("user:default/ci-bot"))
        }
    }

    @Test func aUserRefWithAnUnencodedSlashNamesTheUserToExcludeAndInclude() async throws {
        try await Self.withInsights { client in
            let admin = bearer(TestServer.bootstrapToken)
            let put = try await client.execute(uri: "/api/insights/excluded-users/user:ops/ci-bot", method: .put, headers: admin, body: ByteBuffer(string: #"{"reason":"CI bot"}"#))
            #expect(put.status == .noContent)
            let list = try await client.execute(uri: "/api/insights/excluded-users", method: .get, headers: admin).json(JSONValue.self)
            #expect(list["items"]?.arrayValue?.map { $0["user"] } == [.string("user:ops/ci-bot")])
            #expect(try await client.execute(uri: "/api/insights/excluded-users/user:ops/ci-bot", method: .delete, headers: admin).status == .noContent)
            #expect(try await client.execute(uri: "/api/insights/excluded-users/user:ops/ci-bot", method: .delete, headers: admin).status == .notFound)
        }
    }

    @Test func rawEventExportsAreForAdminsAndUsePseudonymsWhenAKeyIsSet() async throws {
        try await TestServer.with(modules: [InsightsModule(people: { _ in FixedHeadcount(4) })], configure: {
            $0.insightsPseudonymKey = "export-key-0123456789"
        }) { _, client in
            _ = try await Self.post(client, "[\(Self.event("1"))]")
            let uri = "/api/insights/events?from=2026-01-01&to=2026-01-31"
            #expect(try await client.execute(uri: uri, method: .get).status == .unauthorized)
            let export = try await client.execute(uri: uri, method: .get, headers: bearer(TestServer.bootstrapToken)).json(JSONValue.self)
            let user = export["items"]?.arrayValue?.first?["user"]?.stringValue
            #expect(user == Pseudonyms(key: "export-key-0123456789").name(for: "user:default/jane"))
            let csv = try await client.execute(uri: uri + "&format=csv", method: .get, headers: bearer(TestServer.bootstrapToken)).text
            #expect(csv.contains(user!) && !csv.contains("jane"))
        }
    }
}
