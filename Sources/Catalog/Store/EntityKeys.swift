import FoyerCore
import SQLKit

/// Integer keys of entities, which their filter rows and relations name them by: far narrower
/// than the 36-character uid in millions of rows, and new entities take ascending keys, so a large
/// ingest appends their rows at the end of the per-entity tables instead of all over them.
enum EntityKeys {
    /// The `catalog_state` row holding the last key handed out.
    static let counter = "entity_key"

    /// Takes `count` fresh keys inside the writer's transaction (the counter row serialises writers
    /// on every engine); returns the first, the others follow it.
    static func allocate(_ count: Int, _ sql: any SQLDatabase) async throws -> Int64 {
        let row = try await sql.raw("UPDATE catalog_state SET value = value + \(bind: Int64(count)) WHERE name = \(bind: counter) RETURNING value").first()
        guard let last = try row?.decode(column: "value", as: Int64.self) else {
            throw FoyerError.database("catalog_state has no \(counter) row: the catalog's migrations did not all run")
        }
        return last - Int64(count) + 1
    }

    static let migrations = [
        // Keys for the stored entities, and the filter and relation tables rebuilt around them. On
        // SQLite both are keyed by entity (`WITHOUT ROWID`): the table is its own per-entity index.
        Migration("catalog.010-integer-entity-keys") { sql, engine in
            try await sql.raw("ALTER TABLE catalog_entities ADD COLUMN entity_key BIGINT").run()
            try await sql.raw("""
                UPDATE catalog_entities SET entity_key = numbered.n
                FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS n FROM catalog_entities) AS numbered
                WHERE catalog_entities.id = numbered.id
                """).run()
            try await sql.raw("CREATE UNIQUE INDEX catalog_entities_entity_key ON catalog_entities (entity_key)").run()
            try await sql.raw("INSERT INTO catalog_state (name, value) SELECT \(bind: counter), COALESCE(MAX(entity_key), 0) FROM catalog_entities").run()

            let keyedByEntity = engine == .sqlite ? " WITHOUT ROWID" : ""
            try await sql.raw("""
                CREATE TABLE catalog_search_keyed (
                  entity_key BIGINT NOT NULL, key TEXT NOT NULL, ord INTEGER NOT NULL, value TEXT, original_value TEXT,
                  CONSTRAINT catalog_search_pkey PRIMARY KEY (entity_key, key, ord))\(unsafeRaw: keyedByEntity)
                """).run()
            try await sql.raw("""
                INSERT INTO catalog_search_keyed (entity_key, key, ord, value, original_value)
                SELECT e.entity_key, s.key, ROW_NUMBER() OVER (PARTITION BY s.entity_id ORDER BY s.key, s.value), s.value, s.original_value
                FROM catalog_search s JOIN catalog_entities e ON e.id = s.entity_id
                """).run()
            try await sql.raw("""
                CREATE TABLE catalog_relations_keyed (
                  origin_key BIGINT NOT NULL, ord INTEGER NOT NULL, source_ref TEXT NOT NULL, type TEXT NOT NULL,
                  type_key TEXT NOT NULL, target_ref TEXT NOT NULL,
                  CONSTRAINT catalog_relations_pkey PRIMARY KEY (origin_key, ord))\(unsafeRaw: keyedByEntity)
                """).run()
            try await sql.raw("""
                INSERT INTO catalog_relations_keyed (origin_key, ord, source_ref, type, type_key, target_ref)
                SELECT e.entity_key, ROW_NUMBER() OVER (PARTITION BY r.origin_id ORDER BY r.source_ref, r.type, r.target_ref),
                       r.source_ref, r.type, r.type_key, r.target_ref
                FROM catalog_relations r JOIN catalog_entities e ON e.id = r.origin_id
                """).run()
            for table in ["catalog_search", "catalog_relations"] {
                try await sql.drop(table: table).run()
                try await sql.raw("ALTER TABLE \(ident: table + "_keyed") RENAME TO \(ident: table)").run()
            }
            // The indexes the plans read (see migration 009): facets on both engines, relations by
            // source on both, and the value and target lookups PostgreSQL's planner picks.
            try await sql.create(index: "catalog_search_key_original").on("catalog_search").column("key").column("original_value").run()
            try await sql.create(index: "catalog_relations_source_type_target").on("catalog_relations")
                .column("source_ref").column("type").column("target_ref").run()
            if engine == .postgres {
                try await sql.create(index: "catalog_search_key_value").on("catalog_search").column("key").column("value").run()
                try await sql.create(index: "catalog_relations_target").on("catalog_relations").column("target_ref").run()
            }
        },
    ]
}
