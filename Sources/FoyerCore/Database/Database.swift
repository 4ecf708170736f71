import Logging
import NIOCore
import NIOPosix
import Metrics
import SQLKit
import Synchronization

/// The SQL engine behind a `Database`; branch on it only where the SQL truly differs.
public enum DatabaseEngine: String, Sendable, CaseIterable {
    case sqlite
    case postgres
}

/// Supplies connections of one engine, one task at a time per connection.
protocol ConnectionSource: Sendable {
    var dialect: any SQLDialect { get }
    func withConnection<T>(_ body: (any SQLDatabase) async throws -> T) async throws -> T
    /// Serialises this process's transactions where the engine allows only one writer.
    func withWriteLock<T>(_ body: () async throws -> T) async throws -> T
    /// Runs `body` on `connection` set up for a large write, and restores the connection after.
    func withBulkSettings<T>(on connection: any SQLDatabase, _ body: () async throws -> T) async throws -> T
    func shutdown() async
}

extension ConnectionSource {
    func withWriteLock<T>(_ body: () async throws -> T) async throws -> T { try await body() }
    func withBulkSettings<T>(on connection: any SQLDatabase, _ body: () async throws -> T) async throws -> T { try await body() }
}

/// Foyer's one path to persistence: SQLKit over SQLite or PostgreSQL, with transactions.
public struct Database: Sendable {
    public let engine: DatabaseEngine
    public let logger: Logger
    /// Tells apart the databases one process has open, e.g. for caches kept per database.
    public let id: ID
    let source: any ConnectionSource
    private let commits = CommitCounter()

    init(engine: DatabaseEngine, source: any ConnectionSource, logger: Logger) {
        self.engine = engine
        self.source = source
        self.logger = logger
        id = ID(value: Self.opened.add(1, ordering: .relaxed).newValue)
    }

    public struct ID: Hashable, Sendable {
        let value: Int
    }

    private static let opened = Atomic<Int>(0)

    /// How many transactions this process has committed on this database: when it has not moved,
    /// nothing written through this `Database` has changed what a reader saw.
    public var committedTransactions: Int { commits.value }

    /// Auto-commit access: each statement runs on whichever pooled connection is free.
    public var sql: any SQLDatabase { PooledSQLDatabase(source: source, logger: logger) }

    /// Runs `body` on one connection leased for its whole duration.
    public func withConnection<T>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await source.withConnection(body)
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    ///
    /// On SQLite the write lock is taken up front (`BEGIN IMMEDIATE`) so concurrent writers queue
    /// behind the busy timeout instead of failing with `SQLITE_BUSY` on lock upgrade. A `bulk`
    /// transaction (tens of thousands of rows) gets a larger page cache there for its duration.
    public func transaction<T>(bulk: Bool = false, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await source.withWriteLock { try await source.withConnection { connection in
            guard bulk else { return try await run(body, on: connection) }
            return try await source.withBulkSettings(on: connection) { try await run(body, on: connection) }
        } }
    }

    /// `body` between BEGIN and COMMIT on `connection`; rolled back when it throws.
    private func run<T>(_ body: (any SQLDatabase) async throws -> T, on connection: any SQLDatabase) async throws -> T {
        try await connection.raw(SQLQueryString(engine == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN")).run()
        do {
            let result = try await body(connection)
            try await connection.raw("COMMIT").run()
            commits.increment()
            return result
        } catch {
            do {
                // Even when the caller was cancelled: the connection goes back to the pool clean.
                try await Task { try await connection.raw("ROLLBACK").run() }.value
            } catch let rollbackError {
                logger.error("rollback failed", metadata: ["error": "\(rollbackError)"])
            }
            throw error
        }
    }

    /// Answers when the database executes a trivial query; throws otherwise.
    public func ping() async throws {
        _ = try await sql.raw("SELECT 1 AS one").first()
    }

    /// Closes every connection; the database is unusable afterwards.
    public func shutdown() async {
        await source.shutdown()
    }
}

/// A count shared by every copy of one `Database`.
private final class CommitCounter: Sendable {
    private let count = Atomic<Int>(0)
    var value: Int { count.load(ordering: .acquiring) }
    func increment() { count.add(1, ordering: .releasing) }
}

/// `SQLDatabase` over a connection source: leases a connection per statement.
struct PooledSQLDatabase: SQLDatabase {
    let source: any ConnectionSource
    let logger: Logger

    var eventLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }
    var dialect: any SQLDialect { source.dialect }
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeFutureWithTask { try await self.execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await source.withConnection { try await $0.execute(sql: query, onRow) }
    }
}

/// Pool gauges exported on `/metrics`: connections leased right now and the configured maximum.
struct PoolMetrics: Sendable {
    let inUse: Meter
    let maximum: Gauge

    init(engine: DatabaseEngine, maximum: Int) {
        inUse = Meter(label: "foyer_db_pool_connections_in_use", dimensions: [("engine", engine.rawValue)])
        self.maximum = Gauge(label: "foyer_db_pool_connections_max", dimensions: [("engine", engine.rawValue)])
        self.maximum.record(maximum)
        inUse.set(0)
    }

}
