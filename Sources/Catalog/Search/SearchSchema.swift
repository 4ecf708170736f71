import FoyerCore
import SQLKit

/// The search tables: one row per entity with ranking fields, and the engine's full-text index over
/// pre-tokenized words (FTS5 on SQLite, a GIN `tsvector` index on PostgreSQL).
enum SearchSchema {
    static let migrations = [
        Migration("catalog.003-search") { sql, engine in
            switch engine {
            case .sqlite:
                // An integer key the FTS5 rows share as their rowid: matching returns rowids only, no content lookups.
                try await sql.raw("""
                    CREATE TABLE catalog_search_documents (
                      doc_id INTEGER PRIMARY KEY,
                      entity_id TEXT NOT NULL UNIQUE REFERENCES catalog_entities (id) ON DELETE CASCADE,
                      ref TEXT NOT NULL, kind TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL, title TEXT NOT NULL,
                      description TEXT NOT NULL, tags TEXT NOT NULL, owner TEXT NOT NULL, type TEXT NOT NULL,
                      lifecycle TEXT NOT NULL, tokens TEXT NOT NULL)
                    """).run()
                try await sql.raw("CREATE VIRTUAL TABLE catalog_fts USING fts5(tokens, tokenize = 'unicode61 remove_diacritics 0')").run()
                try await sql.raw("""
                    CREATE TRIGGER catalog_fts_insert AFTER INSERT ON catalog_search_documents BEGIN
                      INSERT INTO catalog_fts (rowid, tokens) VALUES (new.doc_id, new.tokens);
                    END
                    """).run()
                try await sql.raw("""
                    CREATE TRIGGER catalog_fts_delete AFTER DELETE ON catalog_search_documents BEGIN
                      DELETE FROM catalog_fts WHERE rowid = old.doc_id;
                    END
                    """).run()
            case .postgres:
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
                try await sql.raw("CREATE INDEX catalog_search_documents_fts ON catalog_search_documents USING GIN (to_tsvector('simple', tokens))").run()
            }
        },
    ]
}
