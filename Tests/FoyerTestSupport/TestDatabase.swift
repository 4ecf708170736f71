import Foundation
import FoyerCore
import Logging
import SQLKit

/// The engine store tests run on: `FOYER_TEST_DATABASE=postgres` with `FOYER_TEST_POSTGRES_URL`, else SQLite.
///
/// `scripts/test` runs the suite once per engine, so a store test is written once and proves both.
public enum TestDatabase {
    public static var engine: DatabaseEngine {
        ProcessInfo.processInfo.environment["FOYER_TEST_DATABASE"] == "postgres" ? .postgres : .sqlite
    }

    static let logger: Logger = {
        var logger = Logger(label: "foyer-test")
        logger.logLevel = .warning
        return logger
    }()

    /// A fresh, empty database location of the selected engine; `cleanup` removes it.
    public static func makeLocation() async throws -> (location: DatabaseLocation, cleanup: @Sendable () async -> Void) {
        switch engine {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("foyer-test-" + UUID().uuidString)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return (.sqlite(path: folder.appendingPathComponent("foyer.sqlite").path), { try? FileManager.default.removeItem(at: folder) })
        case .postgres:
            guard let urlText = ProcessInfo.processInfo.environment["FOYER_TEST_POSTGRES_URL"] else {
                fatalError("FOYER_TEST_DATABASE=postgres needs FOYER_TEST_POSTGRES_URL (scripts/test sets both)")
            }
            guard case .postgres(var url) = try DatabaseLocation.parse(urlText) else {
                fatalError("FOYER_TEST_POSTGRES_URL must be a postgres:// URL")
            }
            let admin = try await Database.open(.postgres(url), poolSize: 1, logger: logger)
            let name = "foyer_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            try await admin.sql.raw("CREATE DATABASE \(ident: name)").run()
            url.database = name
            return (.postgres(url), {
                try? await admin.sql.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run()
                await admin.shutdown()
            })
        }
    }

    /// Runs `body` with a fresh, empty database of the selected engine and removes it afterwards.
    public static func with(poolSize: Int = 4, _ body: (Database) async throws -> Void) async throws {
        let (location, cleanup) = try await makeLocation()
        let database = try await Database.open(location, poolSize: poolSize, logger: logger)
        do {
            try await body(database)
            await database.shutdown()
            await cleanup()
        } catch {
            await database.shutdown()
            await cleanup()
            throw error
        }
    }
}
