import Catalog
import Foundation
import FoyerCore
import FoyerTestSupport
import Logging

enum Descriptors {
    static func component(_ name: String, owner: String = "team-a", type: String = "service", extra: String = "") -> String {
        """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: \(name)
        \(extra)
        spec:
          type: \(type)
          lifecycle: production
          owner: \(owner)
        """
    }

    static func group(_ name: String) -> String {
        "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: \(name)\nspec:\n  type: team\n  children: []\n"
    }
}

/// A catalog service over a fresh test database with the catalog's migrations applied.
func withCatalog(_ body: (CatalogService) async throws -> Void) async throws {
    try await TestDatabase.with { database in
        try await Migrator(database: database, migrations: CoreModule().migrations + CatalogModule().migrations).migrate()
        var logger = Logger(label: "catalog-test")
        logger.logLevel = .warning
        try await body(CatalogService(database: database, processor: LocationProcessor(), logger: logger))
    }
}
