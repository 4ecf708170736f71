import ArgumentParser
import FoyerCore

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending database migrations (serve also does this at start).")

    @OptionGroup var storage: StorageOptions

    @Flag(help: "List pending migrations without applying them.")
    var dryRun = false

    func run() async throws {
        try await reportingFailures {
            let configuration = try storage.resolve()
            if case .sqlite = configuration.database { try DataFolder.prepare(configuration.dataDir) }
            let logger = makeLogger(level: .warning)
            let database = try await Database.open(configuration.database, poolSize: 1, logger: logger)
            defer { Task { await database.shutdown() } }
            let migrator = Migrator(database: database, migrations: try registeredModules().flatMap(\.migrations))
            if dryRun {
                let pending = try await migrator.pending()
                print(pending.isEmpty ? "No pending migrations." : "Pending migrations:\n" + pending.map { "  \($0)" }.joined(separator: "\n"))
            } else {
                let applied = try await migrator.migrate()
                print(applied.isEmpty ? "Database is up to date." : "Applied:\n" + applied.map { "  \($0)" }.joined(separator: "\n"))
            }
            await database.shutdown()
        }
    }
}
