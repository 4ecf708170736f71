import FoyerCore
import SQLKit

/// The search tables: one row per entity with ranking fields, and the engine's full-text index over
/// pre-tokenized words (FTS5 on SQLite, a GIN `tsvector` index on PostgreSQL).
enum SearchSchema {
    static let migrations = [
        Migration("catalog.003-search") { sql, engine in
            try await sql.create(table: "catalog_search_documents")
                .column("entity_id", type: .text, .primaryKey(autoIncrement: false), .references("catalog_entities", "id", onDelete: .cascade))
                .column("ref", type: .text, .notNull)
                .column("kind", type: .text, .notNull)
                .column("namespace", type: .text, .notNull)
                .column("name", type: .text, .notNull)
                .column("title", type: .text, .notNull)
                .column("description", type: .text, .notNull)
                .column("tags", type: .text, .notNull)
                .column("owner", type: .text, .notNull)
                .column("type", type: .text, .notNull)
                .column("lifecycle", type: .text, .notNull)
                .column("tokens", type: .text, .notNull)
                .run()
            switch engine {
            case .sqlite:
                try await sql.raw("CREATE VIRTUAL TABLE catalog_fts USING fts5(entity_id UNINDEXED, tokens, tokenize = 'unicode61 remove_diacritics 0')").run()
                try await sql.raw("""
                    CREATE TRIGGER catalog_fts_insert AFTER INSERT ON catalog_search_documents BEGIN
                      INSERT INTO catalog_fts (entity_id, tokens) VALUES (new.entity_id, new.tokens);
                    END
                    """).run()
                try await sql.raw("""
                    CREATE TRIGGER catalog_fts_delete AFTER DELETE ON catalog_search_documents BEGIN
                      DELETE FROM catalog_fts WHERE entity_id = old.entity_id;
                    END
                    """).run()
            case .postgres:
                try await sql.raw("CREATE INDEX catalog_search_documents_fts ON catalog_search_documents USING GIN (to_tsvector('simple', tokens))").run()
            }
        },
    ]
}
