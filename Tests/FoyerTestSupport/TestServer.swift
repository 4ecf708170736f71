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

/// Headers for a request carrying `token` as a bearer token.
public func bearer(_ token: String) -> HTTPFields {
    [.authorization: "Bearer \(token)"]
}
