import Foundation
import FoyerCore
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore

/// A whole Foyer server over a fresh test database, exercised through HummingbirdTesting.
public enum TestServer {
    public static let bootstrapToken = "test-bootstrap-token-0123456789"

    /// Starts a server with `modules` (core first), runs `body` with a test client, then tears everything down.
    public static func with(
        modules: [any FoyerModule] = [],
        configure: (inout ServerConfiguration) -> Void = { _ in },
        _ body: @Sendable (FoyerServer, any TestClientProtocol) async throws -> Void
    ) async throws {
        let (location, cleanup) = try await TestDatabase.makeLocation()
        var configuration = ServerConfiguration()
        configuration.database = location
        configuration.bootstrapToken = bootstrapToken
        // Most tests read without signing in; the access tests turn guests off again.
        configuration.auth.allowGuests = true
        configuration.auth.bcryptCost = 4
        configure(&configuration)
        let server = try await FoyerServer.start(
            configuration: configuration, modules: [CoreModule()] + modules, logger: TestDatabase.logger)
        do {
            let application = Application(router: server.makeRouter(), logger: TestDatabase.logger)
            try await application.test(.router) { client in try await body(server, client) }
            await server.database.shutdown()
            await cleanup()
        } catch {
            await server.database.shutdown()
            await cleanup()
            throw error
        }
    }
}

extension TestResponse {
    /// The body decoded as JSON.
    public func json<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: Data(buffer: body))
    }

    public var text: String { String(buffer: body) }
}

/// Signs people in for tests: an account linked to the catalog user, and a live session.
public struct TestPeople: Sendable {
    public let server: FoyerServer

    public init(_ server: FoyerServer) { self.server = server }

    /// Headers of `user` (`user:default/jane`) signed in with `role`: the session cookie, and the
    /// form token as cookie and header, as the portal's pages send them.
    public func headers(_ user: String, role: Role = .viewer) async throws -> HTTPFields {
        let authenticator = server.authenticator
        let username = try AccountRules.username(String(user.split(separator: "/").last ?? Substring(user)))
        var account = try await authenticator.accounts.find(username: username)
        if account == nil {
            account = try await authenticator.accounts.create(AccountStore.New(
                username: username, email: nil, passwordHash: nil, role: role, userRef: user, origin: .local))
        }
        let secret = try await authenticator.startSession(for: account!, address: nil)
        let token = CSRFToken.make()
        return [.cookie: "\(SessionCookie.name)=\(secret); \(CSRFToken.cookieName)=\(token)", CSRFToken.header: token]
    }
}

/// Headers for a request carrying `token` as a bearer token.
public func bearer(_ token: String) -> HTTPFields {
    [.authorization: "Bearer \(token)"]
}
