import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresKit
import PostgresNIO

/// PostgreSQL connections from postgres-nio's `PostgresClient`, whose `run()` we drive ourselves.
struct PostgresSource: ConnectionSource {
    let client: PostgresClient
    let runTask: Task<Void, Never>
    let metrics: PoolMetrics

    var dialect: any SQLDialect { PostgresDialect() }

    /// Probes the server once with a short timeout, so a bad URL fails at start with a clear reason.
    static func open(url: PostgresURL, poolSize: Int, logger: Logger) async throws -> PostgresSource {
        try await probe(url: url, logger: logger)
        var configuration = PostgresClient.Configuration(
            host: url.host, port: url.port, username: url.username, password: url.password,
            database: url.database, tls: try clientTLS(url.tlsMode))
        configuration.options.maximumConnections = max(1, poolSize)
        configuration.options.connectTimeout = .seconds(5)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let runTask = Task { await client.run() }
        return PostgresSource(client: client, runTask: runTask, metrics: PoolMetrics(engine: .postgres, maximum: poolSize))
    }

    private static func clientTLS(_ mode: String) throws -> PostgresClient.Configuration.TLS {
        switch mode {
        case "require": .require(.makeClientConfiguration())
        case "prefer": .prefer(.makeClientConfiguration())
        default: .disable
        }
    }

    private static func probe(url: PostgresURL, logger: Logger) async throws {
        let tls: PostgresConnection.Configuration.TLS = switch url.tlsMode {
        case "require": .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case "prefer": .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        default: .disable
        }
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.username, password: url.password,
            database: url.database, tls: tls)
        configuration.options.connectTimeout = .seconds(5)
        do {
            let connection = try await PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 0, logger: logger
            ).get()
            defer { Task { try? await connection.close() } }
            _ = try await connection.query("SELECT 1", logger: logger).collect()
        } catch {
            throw FoyerError.database("cannot connect to PostgreSQL at \(url): \(describe(error))")
        }
    }

    /// postgres-nio hides details in `description`; pick the server's message or the network cause.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let psql as PSQLError:
            if let message = psql.serverInfo?[.message] { return message }
            if let underlying = psql.underlying { return describe(underlying) }
            return psql.code.description
        case let connection as NIOConnectionError:
            return connection.connectionErrors.first.map { describe($0.error) } ?? "cannot resolve the host name"
        case let io as IOError:
            return String(cString: strerror(io.errnoCode)).lowercased()
        default:
            return "\(error)"
        }
    }

    func withConnection<T>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            metrics.inUse.increment()
            defer { metrics.inUse.decrement() }
            return try await body(connection.sql(queryLogLevel: nil))
        }
    }

    func shutdown() async {
        runTask.cancel()
        _ = await runTask.value
    }
}
