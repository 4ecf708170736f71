import FoyerCore
import SQLKit

/// The rows stored for an entity: its own row, and the relation, filter-index and search rows
/// derived from it, encoded for bulk inserts (a few thousand rows per statement).
struct DerivedRows: Sendable {
    var entities: [String] = []
    var relations: [String] = []
    var filters: [String] = []
    var documents: [String] = []

    static let entityTable = BulkInsert(into: "catalog_entities", columns: [
        ("id", .text), ("ref", .text), ("kind", .text), ("namespace", .text), ("name", .text), ("location_id", .text),
        ("source_file", .text), ("parent_ref", .text), ("body", .text), ("spec_hash", .text), ("etag", .text),
        ("generation", .integer), ("orphan", .integer), ("created_at", .integer), ("updated_at", .integer),
    ])
    static let relationTable = BulkInsert(into: "catalog_relations", columns: [
        ("origin_id", .text), ("source_ref", .text), ("type", .text), ("type_key", .text), ("target_ref", .text),
    ])
    static let filterTable = BulkInsert(into: "catalog_search", columns: [
        ("entity_id", .text), ("key", .text), ("value", .text), ("original_value", .text),
    ])

    /// Rows for `plan`: entity rows of its inserts, derived rows of everything it writes.
    init(plan: SlicePlan, locationID: String, now: EpochMillis) {
        entities = Self.entityTable.encode(plan.inserts.map { id, row in
            let ref = row.item.entity.ref
            return [.text(id), .text(ref.description), .text(ref.kind), .text(ref.namespace), .text(ref.name), .text(locationID),
                    .text(row.item.file), .init(row.item.parentRef), .text(row.body), .text(row.specHash), .text(row.etag),
                    .integer(1), .integer(0), .integer(now.value), .integer(now.value)]
        })
        var relationRows = Self.relationTable.encoder()
        var filterRows = Self.filterTable.encoder()
        let written = plan.written
        for (id, row) in written {
            for relation in Set(row.item.relations) {
                relationRows.append([.text(id), .text(relation.source.description), .text(relation.type),
                                     .text(relation.type.lowercased()), .text(relation.target.description)])
            }
            var document = row.item.entity
            if document.metadata["namespace"] == nil { document.setMetadata("namespace", .string(Entity.defaultNamespace)) }
            document.setMetadata("uid", .string(id))
            for filter in SearchRows.rows(for: document.document) {
                filterRows.append([.text(id), .text(filter.key), .init(filter.value), .init(filter.originalValue)])
            }
        }
        relations = relationRows.payloads().map(\.json)
        filters = filterRows.payloads().map(\.json)
        documents = SearchIndex.encode(written.map { ($0.row.item.entity, $0.id) })
    }

    /// Writes these rows, first removing the derived rows of `updatedIDs`.
    func write(removingOldOf updatedIDs: [String], sql: any SQLDatabase) async throws {
        try await Self.remove(ofEntities: updatedIDs, sql: sql)
        try await Self.entityTable.run(encoded: entities, on: sql)
        try await Self.relationTable.run(encoded: relations, on: sql)
        try await Self.filterTable.run(encoded: filters, on: sql)
        try await SearchIndex.documents.run(encoded: documents, on: sql)
    }

    /// The derived tables and the column naming each row's entity.
    static let derivedTables = [("catalog_relations", "origin_id"), ("catalog_search", "entity_id"), ("catalog_search_documents", "entity_id")]

    /// Removes the derived rows of entities `ids`. Deleting an entity must call this after deleting
    /// its row, in the same transaction: on PostgreSQL the bulk tables have no foreign key to cascade.
    static func remove(ofEntities ids: [String], sql: any SQLDatabase) async throws {
        for chunk in ids.chunked(500) {
            for (table, column) in derivedTables { try await sql.delete(from: table).where(column, .in, chunk).run() }
        }
    }
}
