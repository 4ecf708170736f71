import Catalog
import FoyerCore
import FoyerTestSupport
import Logging

/// A catalog service over a fresh test database with the catalog's migrations applied.
public func withCatalog(_ body: (CatalogService) async throws -> Void) async throws {
    try await TestDatabase.with { database in
        try await Migrator(database: database, migrations: CoreModule().migrations + CatalogModule().migrations).migrate()
        var logger = Logger(label: "catalog-test")
        logger.logLevel = .warning
        try await body(CatalogService(database: database, processor: LocationProcessor(), logger: logger))
    }
}
