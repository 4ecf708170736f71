@testable import Catalog
import CatalogTestSupport
import FoyerCore
import FoyerTestSupport
import SQLKit
import Testing

/// The indexes of filter rows and relations: SQLite keeps only the ones its plans read, and none of
/// the catalog's reads of them scans a whole table.
@Suite struct FilterIndexPlanTests {
    /// Queries over filter rows and relations as `by-query`, `GET /entities` and facets build them.
    static func readsOfFilterRows(engine: DatabaseEngine) throws -> [SQLQueryString] {
        let queries = [
            EntityQuery(filter: try EntityFilter.parse(["spec.type=service"])),
            EntityQuery(filter: try EntityFilter.parse(["spec.type"])),
            EntityQuery(filter: try EntityFilter.parse(["kind=component,metadata.tags=java", "spec.owner=group:default/team-a"])),
            EntityQuery(order: EntityOrder(field: "spec.type", ascending: true)),
            EntityQuery(fullTextTerm: "pay", fullTextFields: ["metadata.name", "spec.type"]),
            EntityQuery(filter: try EntityFilter.parse(["relations.ownedby=group:default/team-a"])),
        ]
        var reads: [SQLQueryString] = []
        for query in queries {
            let sql = EntityQuerySQL(engine: engine, query: query)
            reads.append("SELECT id, \(sql.sortKey) AS sort_key FROM catalog_entities WHERE \(sql.predicate) \(sql.orderBy(forward: true)) LIMIT 21")
            // Relation facets of every entity read all relations in one pass (a test below).
            reads += sql.facetQueries(keys: query.filter.isEmpty && query.fullTextTerm == nil ? ["kind", "spec.type"] : ["kind", "spec.type", "relations.ownedby"])
        }
        return reads
    }

    @Test func sqliteCountsARelationFacetOfEveryEntityInOnePassOverTheRelations() async throws {
        try await withCatalog { catalog in
            guard catalog.database.engine == .sqlite else { return }
            let read = try #require(EntityQuerySQL(engine: .sqlite, query: EntityQuery()).facetQueries(keys: ["relations.ownedby"]).first)
            let plan = try await catalog.database.sql.raw("EXPLAIN QUERY PLAN " + read).all().map { try $0.decode(column: "detail", as: String.self) }
            #expect(plan.contains("SCAN r"), "\(plan)")
            #expect(!plan.contains { $0.hasPrefix("SCAN catalog_entities") }, "stored sources are looked up by ref: \(plan)")
        }
    }

    @Test func sqliteAnswersEveryFilterRowAndRelationReadThroughAnIndexWithoutTheUnreadIndexes() async throws {
        try await withCatalog { catalog in
            let sql = catalog.database.sql
            let filterIndexes = try await Self.indexNames(of: "catalog_search", database: catalog.database)
            let relationIndexes = try await Self.indexNames(of: "catalog_relations", database: catalog.database)
            guard catalog.database.engine == .sqlite else {
                // PostgreSQL keeps every index (its planner chooses among them by statistics).
                #expect(filterIndexes == ["catalog_search_pkey", "catalog_search_key_value", "catalog_search_key_original"])
                #expect(relationIndexes == ["catalog_relations_pkey", "catalog_relations_target", "catalog_relations_source_type_target"])
                return
            }
            // Filter rows are keyed by filter key, with a per-entity index (`FilterRowOrder`); relations
            // are keyed by entity (`WITHOUT ROWID`), their primary key the per-entity index.
            #expect(filterIndexes == ["catalog_search_entity"])
            #expect(relationIndexes == ["catalog_relations_source_type_target"])
            for read in try Self.readsOfFilterRows(engine: .sqlite) {
                let plan = try await sql.raw("EXPLAIN QUERY PLAN " + read).all().map { try $0.decode(column: "detail", as: String.self) }
                let scans = plan.filter { ["SCAN s", "SCAN r", "SCAN catalog_search", "SCAN catalog_relations"].contains(where: $0.hasPrefix) }
                #expect(scans.isEmpty, "a whole-table scan of filter rows or relations: \(plan)")
            }
        }
    }

    static func indexNames(of table: String, database: Database) async throws -> Set<String> {
        let query: SQLQueryString = database.engine == .postgres
            ? "SELECT indexname AS name FROM pg_indexes WHERE tablename = \(bind: table)"
            : "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = \(bind: table) AND name NOT LIKE 'sqlite_%'"
        return Set(try await database.sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) })
    }
}
