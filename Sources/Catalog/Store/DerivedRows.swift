import FoyerCore
import SQLKit

/// The rows stored for an entity: its own row, and the relation, filter-index and search rows
/// derived from it, encoded for bulk inserts (a few thousand rows per statement). They are built
/// before the writer's transaction, which allocates the new entities' keys (`EntityKeys`): rows of
/// new entities hold the entity's position among them, and the writer adds the first key.
struct DerivedRows: Sendable {
    /// Rows naming their entity by one kind of number: a position among the new entities, or a stored key.
    struct Keyed: Sendable {
        var relations: [String] = []
        var filters: [String] = []
    }

    var entities: [String] = []
    var newEntities = 0
    /// Relation and filter rows of the new entities, by position, and of the rewritten ones, by key.
    var ofNew = Keyed()
    var ofRewritten = Keyed()
    var documents: [String] = []

    static let entityTable = BulkInsert(into: "catalog_entities", columns: [
        ("entity_key", .integer), ("id", .text), ("ref", .text), ("kind", .text), ("namespace", .text), ("name", .text), ("location_id", .text),
        ("source_file", .text), ("parent_ref", .text), ("body", .text), ("spec_hash", .text), ("etag", .text),
        ("generation", .integer), ("orphan", .integer), ("created_at", .integer), ("updated_at", .integer),
        ("kind_as_written", .text), ("name_as_written", .text),
    ])
    static let relationTable = BulkInsert(into: "catalog_relations", columns: [
        ("origin_key", .integer), ("ord", .integer), ("source_ref", .text), ("type", .text), ("type_key", .text), ("target_ref", .text),
    ])
    static let filterTable = BulkInsert(into: "catalog_search", columns: [
        ("entity_key", .integer), ("key", .text), ("ord", .integer), ("value", .text), ("original_value", .text),
    ])

    /// Rows for `plan`: entity rows of its inserts, derived rows of everything it writes.
    init(plan: SlicePlan, locationID: String, now: EpochMillis) {
        newEntities = plan.inserts.count
        entities = Self.entityTable.encode(plan.inserts.enumerated().map { position, insert in
            let (id, row) = insert
            let ref = row.item.entity.ref
            return [.integer(Int64(position)), .text(id), .text(ref.description), .text(ref.kind), .text(ref.namespace), .text(ref.name),
                    .text(locationID), .text(row.item.file), .init(row.item.parentRef), .text(row.body), .text(row.specHash), .text(row.etag),
                    .integer(1), .integer(0), .integer(now.value), .integer(now.value), .text(row.item.entity.kind), .text(row.item.entity.name)]
        })
        ofNew = Self.keyed(plan.inserts.enumerated().map { (Int64($0.offset), $0.element.row) })
        ofRewritten = Self.keyed(plan.updates.map { ($0.key, $0.row) })
        documents = SearchIndex.encode(plan.written.map { ($0.row.item.entity, $0.id) })
    }

    /// The relation and filter rows of `entities`, each named by its number.
    private static func keyed(_ entities: [(number: Int64, row: EntityRow)]) -> Keyed {
        var relationRows = relationTable.encoder()
        var filterRows = filterTable.encoder()
        for (number, row) in entities {
            for (ord, relation) in row.item.relations.removingRepeats().enumerated() {
                relationRows.append([.integer(number), .integer(Int64(ord)), .text(relation.source.description), .text(relation.type),
                                     .text(relation.type.lowercased()), .text(relation.target.description)])
            }
            // Kind, namespace, name and uid are columns of the entity's own row.
            for (ord, filter) in SearchRows.rows(for: row.item.entity.document).enumerated() where EntityColumns.lowered[filter.key] == nil {
                filterRows.append([.integer(number), .text(filter.key), .integer(Int64(ord)), .init(filter.value), .init(filter.originalValue)])
            }
        }
        return Keyed(relations: relationRows.payloads().map(\.json), filters: filterRows.payloads().map(\.json))
    }

    /// Writes these rows, first removing the derived rows of the `rewritten` entities; the new
    /// entities take their keys here.
    func write(removingOldOf rewritten: [StoredEntityKey], sql: any SQLDatabase) async throws {
        try await Self.remove(ofEntities: rewritten, sql: sql)
        if newEntities > 0 {
            let firstKey = try await EntityKeys.allocate(newEntities, sql)
            try await Self.entityTable.run(encoded: entities, offsettingFirstColumnBy: firstKey, on: sql)
            try await Self.relationTable.run(encoded: ofNew.relations, offsettingFirstColumnBy: firstKey, on: sql)
            try await Self.filterTable.run(encoded: ofNew.filters, offsettingFirstColumnBy: firstKey, on: sql)
        }
        try await Self.relationTable.run(encoded: ofRewritten.relations, on: sql)
        try await Self.filterTable.run(encoded: ofRewritten.filters, on: sql)
        try await SearchIndex.documents.run(encoded: documents, on: sql)
    }

    /// Removes the derived rows of `entities`. Deleting an entity must call this after deleting its
    /// row, in the same transaction: the filter and relation tables have no foreign key to cascade.
    static func remove(ofEntities entities: [StoredEntityKey], sql: any SQLDatabase) async throws {
        for chunk in entities.chunked(500) {
            let keys = chunk.map(\.key)
            try await sql.delete(from: "catalog_relations").where("origin_key", .in, keys).run()
            try await sql.delete(from: "catalog_search").where("entity_key", .in, keys).run()
            try await sql.delete(from: "catalog_search_documents").where("entity_id", .in, chunk.map(\.id)).run()
        }
    }
}
