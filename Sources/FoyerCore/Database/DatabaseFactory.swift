import Logging
import ServiceLifecycle

extension Database {
    /// Opens the database at `location` with at most `poolSize` connections.
    public static func open(_ location: DatabaseLocation, poolSize: Int, logger: Logger) async throws -> Database {
        switch location {
        case .sqlite(let path):
            let source = try await SQLiteSource.open(path: path, poolSize: poolSize, logger: logger)
            return Database(engine: .sqlite, source: source, logger: logger)
        case .postgres(let url):
            let source = try await PostgresSource.open(url: url, poolSize: poolSize, logger: logger)
            return Database(engine: .postgres, source: source, logger: logger)
        }
    }
}

/// Keeps the database open while the server runs and closes it after every other service stopped.
public struct DatabaseService: Service {
    public let database: Database

    public init(database: Database) { self.database = database }

    public func run() async throws {
        try? await gracefulShutdown()
        // When the group is cancelled (say the port is taken) this task is too; closing must still finish.
        await Task { await database.shutdown() }.value
    }
}
