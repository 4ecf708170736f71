import Foundation
import FoyerCore
import FoyerTestSupport
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct TokenAPITests {
    struct Created: Decodable {
        struct Token: Decodable { let id: String; let role: String }
        let token: Token
        let secret: String
    }

    struct Listing: Decodable {
        struct Item: Decodable { let id: String; let name: String }
        let items: [Item]
    }

    static func create(_ client: any TestClientProtocol, role: String, as token: String = TestServer.bootstrapToken) async throws -> TestResponse {
        try await client.execute(
            uri: "/api/auth/tokens", method: .post, headers: bearer(token),
            body: ByteBuffer(string: "{\"name\":\"\(role)-token\",\"role\":\"\(role)\"}"))
    }

    @Test func writeWithoutATokenIs401() async throws {
        try await TestServer.with { _, client in
            let response = try await client.execute(uri: "/api/auth/tokens", method: .post, body: ByteBuffer(string: "{\"name\":\"x\",\"role\":\"viewer\"}"))
            #expect(response.status == .unauthorized)
            #expect(try response.json(ErrorBody.self).error.name == "AuthenticationError")
        }
    }

    @Test func writeWithTooLowARoleIs403() async throws {
        try await TestServer.with { _, client in
            let viewer = try await Self.create(client, role: "viewer").json(Created.self)
            let editor = try await Self.create(client, role: "editor").json(Created.self)
            #expect(try await Self.create(client, role: "viewer", as: viewer.secret).status == .forbidden)
            #expect(try await Self.create(client, role: "viewer", as: editor.secret).status == .forbidden)
        }
    }

    @Test func unknownOrMalformedTokenIs401EvenOnReads() async throws {
        try await TestServer.with { _, client in
            let unknown = try await client.execute(uri: "/api/auth/tokens", method: .get, headers: bearer("foyer_unknown"))
            let malformed = try await client.execute(uri: "/api/auth/tokens", method: .get, headers: [.authorization: "Basic abc"])
            #expect(unknown.status == .unauthorized)
            #expect(malformed.status == .unauthorized)
        }
    }

    @Test func bootstrapTokenCreatesAnAdminTokenThatWorksUntilRevoked() async throws {
        try await TestServer.with { _, client in
            let response = try await Self.create(client, role: "admin")
            #expect(response.status == .created)
            let admin = try response.json(Created.self)
            let listed = try await client.execute(uri: "/api/auth/tokens", method: .get, headers: bearer(admin.secret))
            #expect(listed.status == .ok)
            #expect(try listed.json(Listing.self).items.map(\.id) == [admin.token.id])
            #expect(!listed.text.contains(admin.secret))

            let revoke = try await client.execute(uri: "/api/auth/tokens/\(admin.token.id)", method: .delete, headers: bearer(TestServer.bootstrapToken))
            #expect(revoke.status == .ok)
            #expect(try await client.execute(uri: "/api/auth/tokens", method: .get, headers: bearer(admin.secret)).status == .unauthorized)
        }
    }

    @Test func unknownRoleIsA400() async throws {
        try await TestServer.with { _, client in
            let response = try await Self.create(client, role: "root")
            #expect(response.status == .badRequest)
            #expect(try response.json(ErrorBody.self).error.message.contains("unknown role"))
        }
    }
}
