import Foundation
import FoyerCore
import FoyerTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct HTTPBehaviourTests {
    @Test func healthzAndReadyzAnswer200WhenTheDatabaseAnswers() async throws {
        try await TestServer.with { _, client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(health.status == .ok)
            #expect(ready.status == .ok)
        }
    }

    @Test func headAnswersAsGetWithoutTheBody() async throws {
        try await TestServer.with { _, client in
            let head = try await client.execute(uri: "/healthz", method: .head)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            #expect(try await client.execute(uri: "/no/such/route", method: .head).status == .notFound)
        }
    }

    @Test func readyzAnswers503WhenTheDatabaseIsGone() async throws {
        try await TestServer.with { server, client in
            await server.database.shutdown()
            let response = try await client.execute(uri: "/readyz", method: .get)
            #expect(response.status == .serviceUnavailable)
            #expect(try response.json(ErrorBody.self).error.name == "ServiceUnavailableError")
        }
    }

    @Test func unknownRouteIsA404InTheJSONErrorShape() async throws {
        try await TestServer.with { _, client in
            let response = try await client.execute(uri: "/api/nowhere", method: .get)
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(try response.json(ErrorBody.self).error.name == "NotFoundError")
        }
    }

    @Test func bodyOverTheConfiguredLimitIsA413() async throws {
        try await TestServer.with(configure: { $0.maxBodySize = 1024 }) { _, client in
            let body = ByteBuffer(string: "{\"name\":\"" + String(repeating: "x", count: 2000) + "\",\"role\":\"viewer\"}")
            let response = try await client.execute(
                uri: "/api/auth/tokens", method: .post, headers: bearer(TestServer.bootstrapToken), body: body)
            #expect(response.status == .contentTooLarge)
            #expect(try response.json(ErrorBody.self).error.name == "PayloadTooLargeError")
        }
    }

    @Test func malformedJSONIsA400SayingWhatIsWrong() async throws {
        try await TestServer.with { _, client in
            let response = try await client.execute(
                uri: "/api/auth/tokens", method: .post, headers: bearer(TestServer.bootstrapToken), body: ByteBuffer(string: "{\"name\": "))
            #expect(response.status == .badRequest)
            let error = try response.json(ErrorBody.self).error
            #expect(error.name == "InputError")
            #expect(error.message.hasPrefix("malformed JSON body"))

            let missing = try await client.execute(
                uri: "/api/auth/tokens", method: .post, headers: bearer(TestServer.bootstrapToken), body: ByteBuffer(string: "{\"name\":\"x\"}"))
            #expect(missing.status == .badRequest)
            #expect(try missing.json(ErrorBody.self).error.message.contains("role"))
        }
    }

    @Test func everyResponseCarriesARequestIdAndKeepsASaneIncomingOne() async throws {
        try await TestServer.with { _, client in
            let fresh = try await client.execute(uri: "/healthz", method: .get)
            #expect(fresh.headers[HTTPField.Name("X-Request-Id")!]?.count == 16)
            let passed = try await client.execute(uri: "/healthz", method: .get, headers: [HTTPField.Name("X-Request-Id")!: "abc-123"])
            #expect(passed.headers[HTTPField.Name("X-Request-Id")!] == "abc-123")
            let hostile = try await client.execute(uri: "/healthz", method: .get, headers: [HTTPField.Name("X-Request-Id")!: "<script>"])
            #expect(hostile.headers[HTTPField.Name("X-Request-Id")!] != "<script>")
        }
    }

    @Test func metricsCountRequestsByRouteAndStatusAndShowPoolUse() async throws {
        try await TestServer.with { _, client in
            _ = try await client.execute(uri: "/healthz", method: .get)
            _ = try await client.execute(uri: "/readyz", method: .get)
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.status == .ok)
            let text = metrics.text
            #expect(text.contains("foyer_http_requests_total{"))
            #expect(text.contains("route=\"/healthz\""))
            #expect(text.contains("status=\"200\""))
            #expect(text.contains("foyer_http_request_duration_seconds_bucket"))
            #expect(text.contains("foyer_db_pool_connections_in_use"))
            #expect(text.contains("foyer_db_pool_connections_max"))
        }
    }
}
