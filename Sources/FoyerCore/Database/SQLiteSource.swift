import Foundation
import Logging
import NIOPosix
import SQLiteKit

/// SQLite connections from a small pool of our own; each connection gets the same pragmas.
struct SQLiteSource: ConnectionSource {
    let pool: ConnectionPool<SQLiteConnection>
    let metrics: PoolMetrics
    /// One thread per connection: a connection waiting on SQLite's lock must never starve the holder.
    let threads: NIOThreadPool
    let writeGate = AsyncGate()

    var dialect: any SQLDialect { SQLiteDialect() }

    /// Creates the folder holding `path` if needed and checks the first connection opens.
    static func open(path: String, poolSize: Int, logger: Logger) async throws -> SQLiteSource {
        let url = URL(fileURLWithPath: path)
        try DataFolder.prepare(url.deletingLastPathComponent().path)
        let threads = NIOThreadPool(numberOfThreads: max(1, poolSize))
        threads.start()
        let pool = ConnectionPool<SQLiteConnection>(
            maxSize: poolSize,
            open: { try await openConnection(path: url.path, threads: threads, logger: logger) },
            // Closed outside the releasing task: a cancelled task's close would fail and leave the
            // connection open (SQLite asserts on that).
            close: { connection in await Task { try? await connection.close() }.value })
        let source = SQLiteSource(pool: pool, metrics: PoolMetrics(engine: .sqlite, maximum: poolSize), threads: threads)
        try await source.withConnection { connection in
            // Takes only on a file with no pages yet (an older database keeps its 4 KiB), so before WAL.
            _ = try await connection.raw(SQLQueryString("PRAGMA page_size = \(unsafeRaw: String(pageSize))")).all()
            // WAL is a property of the file; set once, it lets readers run beside the writer.
            _ = try await connection.raw("PRAGMA journal_mode = WAL").all()
        }
        return source
    }

    private static func openConnection(path: String, threads: NIOThreadPool, logger: Logger) async throws -> SQLiteConnection {
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(
                storage: .file(path: path), threadPool: threads, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())
        } catch {
            throw FoyerError.database("cannot open SQLite database \(path): \(error)")
        }
        let sql = connection.sql(queryLogLevel: nil)
        // A 16 MiB page cache per connection keeps most of a transaction's dirty pages out of the
        // WAL until commit (the OS caches the file for reads); a checkpoint every 10,000 pages (not
        // 1,000) copies an index page rewritten by many small transactions once instead of again and
        // again. With 16 KiB pages the WAL grows to about 160 MiB between checkpoints.
        for pragma in ["PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 10000", "PRAGMA synchronous = FULL",
                       cacheSize(kibibytes: standardCacheKiB), "PRAGMA temp_store = MEMORY", "PRAGMA wal_autocheckpoint = 10000"] {
            _ = try await sql.raw(SQLQueryString(pragma)).all()
        }
        return connection
    }

    func withConnection<T>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        let connection = try await pool.lease()
        metrics.inUse.increment()
        defer { metrics.inUse.decrement() }
        do {
            let result = try await body(connection.sql(queryLogLevel: nil))
            await pool.release(connection)
            return result
        } catch {
            await pool.release(connection)
            throw error
        }
    }

    func withWriteLock<T>(_ body: () async throws -> T) async throws -> T {
        try await writeGate.withLock(body)
    }

    /// Every connection's page cache, and a bulk write's: a 100,000-entity ingest's transactions
    /// dirty far more than 16 MiB of index pages, which SQLite then spills to the WAL mid-transaction
    /// and reads back. With 64 MiB a third fewer pages are read and written and a quarter fewer syncs
    /// are made (BENCHMARKS.md, catalog run 13); more would lift peak memory near its 400 MB target.
    static let standardCacheKiB = 16_384
    static let bulkCacheKiB = 65_536

    /// The page size of a new database file: with 16 KiB instead of SQLite's 4 KiB, a 100,000-entity
    /// ingest takes about a fifth less time (BENCHMARKS.md, catalog run 15).
    static let pageSize = 16_384

    private static func cacheSize(kibibytes: Int) -> String { "PRAGMA cache_size = -\(kibibytes)" }

    /// The bulk cache for `body`; shrunk back after, which frees the pages beyond the standard size.
    func withBulkSettings<T>(on connection: any SQLDatabase, _ body: () async throws -> T) async throws -> T {
        try await connection.raw(SQLQueryString(Self.cacheSize(kibibytes: Self.bulkCacheKiB))).run()
        let outcome: Result<T, any Error>
        do { outcome = .success(try await body()) } catch { outcome = .failure(error) }
        // Committed or rolled back by now: failing to shrink costs memory, never the write's outcome.
        _ = try? await connection.raw(SQLQueryString(Self.cacheSize(kibibytes: Self.standardCacheKiB))).run()
        return try outcome.get()
    }

    func shutdown() async {
        await pool.shutdown()
        try? await threads.shutdownGracefully()
    }
}

/// The folder that holds Foyer's files: created when missing, checked for writing.
public enum DataFolder {
    public static func prepare(_ path: String) throws(FoyerError) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw .configuration("data folder \(path) exists but is not a folder")
            }
        } else {
            do {
                try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw .configuration("cannot create data folder \(path): \(reason(of: error))")
            }
        }
        guard manager.isWritableFile(atPath: path) else {
            throw .configuration("data folder \(path) is not writable")
        }
    }

    private static func reason(of error: any Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let posix = underlying, posix.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(posix.code)) {
            return String(cString: strerror(code.rawValue)).lowercased()
        }
        return error.localizedDescription
    }
}
