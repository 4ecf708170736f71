import Foundation
import FoyerCore

/// Opens the configured database with its schema up to date, runs `body`, and closes it.
func withServer(_ storage: StorageOptions, _ body: (FoyerServer) async throws -> Void) async throws {
    try await reportingFailures {
        let configuration = try storage.resolve()
        if case .sqlite = configuration.database { try DataFolder.prepare(configuration.dataDir) }
        let server = try await FoyerServer.start(configuration: configuration, modules: try registeredModules(), logger: makeLogger(level: .warning))
        do {
            try await body(server)
        } catch {
            await server.database.shutdown()
            throw error
        }
        await server.database.shutdown()
    }
}

/// Writes a command's change to the audit log, naming the operating-system user who ran it.
func recordCommand(_ description: String, on server: FoyerServer) async throws {
    let user = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? "unknown"
    try await AuditStore(database: server.database).append(.event(channel: "CLI", description, actor: "cli:\(user)"))
}
