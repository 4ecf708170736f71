@testable import Catalog
import CatalogTestSupport
import FoyerCore
import FoyerTestSupport
import SQLKit
import Testing

/// SQLite keeps filter rows in key order (migration 012): the rows stored before it survive it, and
/// filters, facets and full-text terms answer as before.
@Suite struct FilterRowOrderTests {
    static let migration = "catalog.012-sqlite-filter-rows-by-key"

    static func rows(_ database: Database) async throws -> [String] {
        try await database.sql.raw("SELECT entity_key, key, ord, value, original_value FROM catalog_search ORDER BY entity_key, ord").all().map {
            "\(try $0.decode(column: "entity_key", as: Int64.self)) \(try $0.decode(column: "key", as: String.self)) "
                + "\(try $0.decode(column: "ord", as: Int64.self)) \(try $0.decode(column: "value", as: String?.self) ?? "-") "
                + (try $0.decode(column: "original_value", as: String?.self) ?? "-")
        }
    }

    @Test func theMigrationKeepsEveryStoredFilterRow() async throws {
        try await TestDatabase.with { database in
            let migrations = MigrationsAround(tested: Self.migration)
            try await Migrator(database: database, migrations: migrations.before).migrate()
            try await database.sql.raw("""
                INSERT INTO catalog_search (entity_key, key, ord, value, original_value) VALUES
                  (2, 'spec.type', 0, 'service', 'Service'), (1, 'spec.type', 1, 'library', 'library'),
                  (1, 'metadata.tags', 0, 'go', 'go'), (1, 'metadata.description', 2, NULL, NULL)
                """).run()
            let before = try await Self.rows(database)
            #expect(try await Migrator(database: database, migrations: migrations.through).migrate() == [migrations.tested])
            #expect(try await Self.rows(database) == before)
            let engine = database.engine
            let indexes = try await FilterIndexPlanTests.indexNames(of: "catalog_search", database: database)
            #expect(indexes.contains(engine == .sqlite ? "catalog_search_entity" : "catalog_search_key_original"), "\(indexes)")
        }
    }

    @Test func filtersFacetsAndTermsAnswerOverRowsOfManyKeysAndEntities() async throws {
        try await withCatalog { catalog in
            let folder = try TestFolder()
            try folder.write("catalog-info.yaml", [
                Descriptors.component("web", type: "service"), Descriptors.component("lib", type: "library"),
                Descriptors.component("api", type: "service"), Descriptors.group("team-a"),
            ].joined(separator: "\n---\n"))
            _ = try await catalog.register(LocationSpec(type: "file", target: folder.path), base: "/")
            let services = try await catalog.reader.entities(EntityQuery(filter: try EntityFilter.parse(["spec.type=service"])), offset: 0, limit: nil)
            #expect(services.map(\.ref.name).sorted() == ["api", "web"])
            let facets = try await catalog.reader.facets(["spec.type", "kind"], filter: .none)
            #expect(facets["spec.type"] == [FacetCount(value: "service", count: 2), FacetCount(value: "library", count: 1), FacetCount(value: "team", count: 1)])
            let libraries = try await catalog.reader.facets(["spec.type"], filter: try EntityFilter.parse(["spec.type=library"]))
            #expect(libraries["spec.type"] == [FacetCount(value: "library", count: 1)])
            let termed = try await catalog.reader.entities(EntityQuery(fullTextTerm: "LIBR"), offset: 0, limit: nil)
            #expect(termed.map(\.ref.name) == ["lib"])
        }
    }
}
