@testable import Catalog
import CatalogTestSupport
import FoyerCore
import FoyerTestSupport
import SQLKit
import Testing

/// Integer entity keys: handed out in ascending blocks, and given to the entities and derived rows
/// a database held before they existed.
@Suite struct EntityKeysTests {
    @Test func keysAreHandedOutInAscendingBlocksThatNeverOverlap() async throws {
        try await withCatalog { catalog in
            let first = try await catalog.database.transaction { try await EntityKeys.allocate(5, $0) }
            let second = try await catalog.database.transaction { try await EntityKeys.allocate(2, $0) }
            #expect(first == 1)
            #expect(second == 6)
        }
    }

    @Test func theMigrationKeysStoredEntitiesAndCarriesTheirFilterRowsAndRelationsOver() async throws {
        try await TestDatabase.with { database in
            let migrations = MigrationsAround(tested: "catalog.010-integer-entity-keys")
            try await Migrator(database: database, migrations: migrations.before).migrate()
            let sql = database.sql
            for (uid, name) in [("uid-b", "web"), ("uid-a", "api")] {
                try await sql.raw("""
                    INSERT INTO catalog_entities (id, ref, kind, namespace, name, body, spec_hash, etag, generation, orphan, created_at, updated_at)
                    VALUES (\(bind: uid), \(bind: "component:default/\(name)"), 'component', 'default', \(bind: name), '{}', 'h', 'e', 1, 0, 0, 0)
                    """).run()
                try await sql.raw("INSERT INTO catalog_search (entity_id, key, value, original_value) VALUES (\(bind: uid), 'metadata.name', \(bind: name), \(bind: name))").run()
                try await sql.raw("INSERT INTO catalog_search (entity_id, key, value, original_value) VALUES (\(bind: uid), 'metadata.tags.go', 'true', 'true')").run()
                try await sql.raw("""
                    INSERT INTO catalog_relations (origin_id, source_ref, type, type_key, target_ref)
                    VALUES (\(bind: uid), \(bind: "component:default/\(name)"), 'ownedBy', 'ownedby', 'group:default/team')
                    """).run()
            }
            #expect(try await Migrator(database: database, migrations: migrations.through).migrate() == [migrations.tested])

            let keys = try await sql.raw("SELECT id, entity_key FROM catalog_entities ORDER BY entity_key").all().map(StoredEntityKey.init(row:))
            #expect(keys == [StoredEntityKey(id: "uid-a", key: 1), StoredEntityKey(id: "uid-b", key: 2)])
            let filters = try await sql.raw("""
                SELECT e.name AS name, s.key AS key, s.value AS value FROM catalog_search s JOIN catalog_entities e ON e.entity_key = s.entity_key
                ORDER BY e.name, s.key
                """).all().map { try [$0.decode(column: "name", as: String.self), $0.decode(column: "key", as: String.self), $0.decode(column: "value", as: String.self)] }
            #expect(filters == [["api", "metadata.name", "api"], ["api", "metadata.tags.go", "true"],
                                ["web", "metadata.name", "web"], ["web", "metadata.tags.go", "true"]])
            let relations = try await sql.raw("""
                SELECT r.source_ref AS source FROM catalog_relations r JOIN catalog_entities e ON e.entity_key = r.origin_key
                WHERE r.source_ref = e.ref ORDER BY e.name
                """).all().map { try $0.decode(column: "source", as: String.self) }
            #expect(relations == ["component:default/api", "component:default/web"])
            // New entities continue after the keys the migration gave.
            #expect(try await database.transaction { try await EntityKeys.allocate(1, $0) } == 3)
        }
    }
}
