import FoyerCore
import SQLKit

/// How SQLite lays out the filter rows: keyed by filter key first, so rows of one key sit together.
/// A large ingest then appends each key's rows where that key's rows end, instead of inserting
/// them all over a `(key, value)` index; a facet reads its key's range; a filter on one key of one
/// entity is one look-up; an entity's own rows (full-text terms, deletes) come through a
/// per-entity index that new entities also append to.
enum FilterRowOrder {
    static let migrations = [
        Migration("catalog.012-sqlite-filter-rows-by-key") { sql, engine in
            // PostgreSQL's tables are heaps whatever their keys: it keeps the layout of migration 010.
            guard engine == .sqlite else { return }
            try await sql.raw("""
                CREATE TABLE catalog_search_by_key (
                  entity_key BIGINT NOT NULL, key TEXT NOT NULL, ord INTEGER NOT NULL, value TEXT, original_value TEXT,
                  CONSTRAINT catalog_search_pkey PRIMARY KEY (key, entity_key, ord)) WITHOUT ROWID
                """).run()
            try await sql.raw("""
                INSERT INTO catalog_search_by_key (entity_key, key, ord, value, original_value)
                SELECT entity_key, key, ord, value, original_value FROM catalog_search
                """).run()
            try await sql.drop(table: "catalog_search").run()
            try await sql.raw("ALTER TABLE catalog_search_by_key RENAME TO catalog_search").run()
            try await sql.create(index: "catalog_search_entity").on("catalog_search").column("entity_key").column("key").column("value").run()
        },
    ]
}
