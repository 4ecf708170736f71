import FoyerCore
import SQLKit

/// The filter keys every entity has, answered from its own row in `catalog_entities` instead of
/// filter rows: a fifth of an entity's filter rows, which a large ingest would otherwise write.
enum EntityColumns {
    /// Key → the column holding its value lowercased, for filters, ordering and full-text terms.
    static let lowered = ["kind": "kind", "metadata.namespace": "namespace", "metadata.name": "name", "metadata.uid": "id"]

    /// Key → the column holding its value as written, for facets. Namespaces and uids are lowercase
    /// already (a namespace is a DNS label; uids are made here), so they need no second column.
    static let asWritten = ["kind": "kind_as_written", "metadata.namespace": "namespace", "metadata.name": "name_as_written", "metadata.uid": "id"]

    static let migrations = [
        // Kind and name as written, taken from the stored documents; their filter rows, and the
        // namespace and uid ones, go. The kind-and-uid index covers the kind facet too.
        Migration("catalog.011-facets-from-entity-columns") { sql, engine in
            for column in ["kind_as_written", "name_as_written"] {
                try await sql.raw("ALTER TABLE catalog_entities ADD COLUMN \(ident: column) TEXT NOT NULL DEFAULT ''").run()
            }
            let (kind, name): (SQLQueryString, SQLQueryString) = engine == .postgres
                ? ("(body::jsonb) ->> 'kind'", "(body::jsonb) -> 'metadata' ->> 'name'")
                : ("json_extract(body, '$.kind')", "json_extract(body, '$.metadata.name')")
            // Stored documents always hold both; the lowercased columns stand in should one not.
            try await sql.raw("UPDATE catalog_entities SET kind_as_written = COALESCE(\(kind), kind), name_as_written = COALESCE(\(name), name)").run()
            try await sql.raw("DELETE FROM catalog_search WHERE key IN (\(binds: Array(lowered.keys)))").run()
            try await sql.drop(index: "catalog_entities_kind_uid").run()
            let uid: SQLQueryString = engine == .postgres ? "id COLLATE \"C\"" : "id"
            try await sql.raw("CREATE INDEX catalog_entities_kind_uid ON catalog_entities (kind, \(uid), kind_as_written)").run()
        },
    ]
}
