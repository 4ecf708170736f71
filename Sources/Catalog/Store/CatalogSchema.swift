import FoyerCore
import SQLKit

/// The catalog's tables. Entities keep their source document; relations and search rows are derived.
enum CatalogSchema {
    static let migrations = [
        Migration("catalog.001-locations") { sql, _ in
            try await sql.create(table: "catalog_locations")
                .column("id", type: .text, .primaryKey(autoIncrement: false))
                .column("type", type: .text, .notNull)
                .column("target", type: .text, .notNull)
                .column("base", type: .text, .notNull)
                .column("created_at", type: .bigint, .notNull)
                .column("refreshed_at", type: .bigint)
                .unique("type", "target")
                .run()
            try await sql.create(table: "catalog_problems")
                .column("location_id", type: .text, .notNull, .references("catalog_locations", "id", onDelete: .cascade))
                .column("file", type: .text, .notNull)
                .column("line", type: .int, .notNull)
                .column("entity_ref", type: .text)
                .column("field", type: .text)
                .column("message", type: .text, .notNull)
                .run()
            try await sql.create(index: "catalog_problems_location").on("catalog_problems").column("location_id").run()
        },
        Migration("catalog.002-entities") { sql, engine in
            try await sql.create(table: "catalog_entities")
                .column("id", type: .text, .primaryKey(autoIncrement: false))
                .column("ref", type: .text, .notNull, .unique)
                .column("kind", type: .text, .notNull)
                .column("namespace", type: .text, .notNull)
                .column("name", type: .text, .notNull)
                .column("location_id", type: .text, .references("catalog_locations", "id", onDelete: .setNull))
                .column("source_file", type: .text)
                .column("parent_ref", type: .text)
                .column("body", type: .text, .notNull)
                .column("spec_hash", type: .text, .notNull)
                .column("etag", type: .text, .notNull)
                .column("generation", type: .bigint, .notNull)
                .column("orphan", type: .int, .notNull)
                .column("created_at", type: .bigint, .notNull)
                .column("updated_at", type: .bigint, .notNull)
                .run()
            try await sql.create(index: "catalog_entities_location").on("catalog_entities").column("location_id").run()
            // Byte-wise ref order on both engines (PostgreSQL needs the collation in the index to use it).
            if engine == .postgres {
                try await sql.raw("CREATE INDEX catalog_entities_kind_ref ON catalog_entities (kind, ref COLLATE \"C\")").run()
                try await sql.raw("CREATE INDEX catalog_entities_ref_bytes ON catalog_entities (ref COLLATE \"C\")").run()
            } else {
                try await sql.create(index: "catalog_entities_kind_ref").on("catalog_entities").column("kind").column("ref").run()
            }
            try await sql.create(table: "catalog_relations")
                .column("origin_id", type: .text, .notNull, .references("catalog_entities", "id", onDelete: .cascade))
                .column("source_ref", type: .text, .notNull)
                .column("type", type: .text, .notNull)
                .column("type_key", type: .text, .notNull)
                .column("target_ref", type: .text, .notNull)
                .run()
            try await sql.create(index: "catalog_relations_source").on("catalog_relations").column("source_ref").run()
            try await sql.create(index: "catalog_relations_target").on("catalog_relations").column("target_ref").run()
            try await sql.create(index: "catalog_relations_origin").on("catalog_relations").column("origin_id").run()
            try await sql.create(table: "catalog_search")
                .column("entity_id", type: .text, .notNull, .references("catalog_entities", "id", onDelete: .cascade))
                .column("key", type: .text, .notNull)
                .column("value", type: .text)
                .column("original_value", type: .text)
                .run()
            try await sql.create(index: "catalog_search_key_value").on("catalog_search").column("key").column("value").run()
            try await sql.create(index: "catalog_search_entity").on("catalog_search").column("entity_id").column("key").run()
            try await sql.create(index: "catalog_search_key_original").on("catalog_search").column("key").column("original_value").run()
        },
        // Whole-catalog evaluations read relations by source range; with type and target in the index
        // they never visit the table. It replaces the source-only index it extends.
        Migration("catalog.003-relations-covering") { sql, _ in
            try await sql.create(index: "catalog_relations_source_type_target").on("catalog_relations")
                .column("source_ref").column("type").column("target_ref").run()
            try await sql.drop(index: "catalog_relations_source").run()
        },
        // `by-query` walks entities in uid order by default, as Backstage does, usually within one kind.
        Migration("catalog.005-kind-uid") { sql, engine in
            if engine == .postgres {
                try await sql.raw("CREATE INDEX catalog_entities_kind_uid ON catalog_entities (kind, id COLLATE \"C\")").run()
            } else {
                try await sql.create(index: "catalog_entities_kind_uid").on("catalog_entities").column("kind").column("id").run()
            }
        },
        // PostgreSQL checks a foreign key with a query per inserted row, a third of the time a large
        // ingest spends; the derived bulk rows are written and removed with their entity by
        // `DerivedRows` in the same transaction, so they do without. (SQLite checks it against the
        // parent's index at little cost and keeps it.)
        Migration("catalog.006-derived-rows-without-foreign-keys") { sql, engine in
            guard engine == .postgres else { return }
            try await sql.raw("ALTER TABLE catalog_search DROP CONSTRAINT IF EXISTS catalog_search_entity_id_fkey").run()
            try await sql.raw("ALTER TABLE catalog_relations DROP CONSTRAINT IF EXISTS catalog_relations_origin_id_fkey").run()
        },
        // Unfiltered by-query walks uid order; SQLite's primary key already serves it byte-wise.
        Migration("catalog.007-uid-bytes") { sql, engine in
            guard engine == .postgres else { return }
            try await sql.raw("CREATE INDEX catalog_entities_uid_bytes ON catalog_entities (id COLLATE \"C\")").run()
        },
        // Orphans get a filter row for their mark (so the annotation has a facet); the ones orphaned before, too.
        Migration("catalog.008-orphan-marks") { sql, _ in
            try await sql.raw("""
                INSERT INTO catalog_search (entity_id, key, value, original_value)
                SELECT id, \(bind: EntityQuerySQL.orphanKey), 'true', 'true' FROM catalog_entities WHERE orphan = 1
                """).run()
        },
        // SQLite answers filters through an entity's own rows (`catalog_search_entity`, relations by
        // source), facets through `(key, original_value)`: its plans never read the `(key, value)` or
        // relation-target indexes, whose random-order inserts are a large part of a big ingest.
        // PostgreSQL's planner does use them for selective filters, so they stay there.
        Migration("catalog.009-sqlite-without-unread-indexes") { sql, engine in
            guard engine == .sqlite else { return }
            try await sql.drop(index: "catalog_search_key_value").run()
            try await sql.drop(index: "catalog_relations_target").run()
        },
    ]
}
