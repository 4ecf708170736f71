import FoyerCore
import SQLKit

/// What storing one slice of a location does to each of its entities: add, update, leave, or
/// refuse (a ref another location holds). Pure, so it is made once from a read ahead of the
/// transaction and checked again inside it.
struct SlicePlan {
    var inserts: [(id: String, row: EntityRow)] = []
    var updates: [(id: String, key: Int64, row: EntityRow, generation: Int64)] = []
    var summary = ApplySummary()
    var problems: [CatalogProblem] = []
    /// Refs this location keeps (everything but conflicts).
    var kept: [String] = []

    /// Plans `rows` against what is stored; a new entity takes the id `ids` holds for its position.
    init(rows: [EntityRow], existing: [String: StoredEntityState], locationID: String, ids: inout FreshIDs) {
        for (position, row) in rows.enumerated() {
            let ref = row.item.entity.ref.description
            if let current = existing[ref], current.locationID != nil, current.locationID != locationID, !current.isOrphan {
                summary.conflicts += 1
                problems.append(CatalogProblem(file: row.item.file, line: row.item.line, entityRef: ref, field: "metadata.name",
                                               message: "\(ref) is already defined by another location; this definition is ignored"))
                continue
            }
            kept.append(ref)
            guard let current = existing[ref] else {
                inserts.append((ids.id(at: position), row))
                summary.added += 1
                continue
            }
            if current.etag == row.etag, !current.isOrphan, current.locationID == locationID {
                summary.unchanged += 1
                continue
            }
            updates.append((current.id, current.key, row, current.generation + (current.specHash == row.specHash ? 0 : 1)))
            summary.updated += 1
        }
    }

    /// What the plan did, without the rows it wrote.
    var outcome: SliceOutcome { SliceOutcome(summary: summary, problems: problems, kept: kept) }

    /// The entities whose rows get written, with their ids.
    var written: [(id: String, row: EntityRow)] { inserts + updates.map { ($0.id, $0.row) } }

    /// The stored entities this plan rewrites, whose old derived rows go first.
    var rewritten: [StoredEntityKey] { updates.map { StoredEntityKey(id: $0.id, key: $0.key) } }

    /// Whether `other` writes the same entities under the same ids (so the same derived rows).
    func writesTheSameRows(as other: SlicePlan) -> Bool {
        inserts.map(\.id) == other.inserts.map(\.id) && updates.map(\.id) == other.updates.map(\.id)
    }
}

/// What storing a slice did: counts, problems and the refs kept; small, so a location's write
/// can hold every slice's until it finishes.
struct SliceOutcome: Sendable {
    let summary: ApplySummary
    let problems: [CatalogProblem]
    let kept: [String]
}

/// Ids for the entities a plan adds, by position in the slice: made once, so planning the slice
/// again names them the same.
struct FreshIDs: Sendable {
    let now: EpochMillis
    private var byPosition: [Int: String] = [:]

    init(now: EpochMillis) { self.now = now }

    mutating func id(at position: Int) -> String {
        if let id = byPosition[position] { return id }
        let id = SortableID.make(now: now)
        byPosition[position] = id
        return id
    }
}

/// A stored entity's uid and integer key (`EntityKeys`): derived rows name it by one or the other.
struct StoredEntityKey: Sendable, Equatable {
    let id: String
    let key: Int64
}

extension StoredEntityKey {
    /// From a row with the `id` and `entity_key` columns.
    init(row: any SQLRow) throws {
        try self.init(id: row.decode(column: "id", as: String.self), key: row.decode(column: "entity_key", as: Int64.self))
    }
}

/// The stored facts about an entity that decide how a new read of it is stored.
struct StoredEntityState: Sendable {
    let id: String
    let key: Int64
    let locationID: String?
    let etag: String
    let specHash: String
    let generation: Int64
    let isOrphan: Bool

    /// The stored state of every entity among `refs`, by ref. Inside a write, `lockingRows` holds
    /// them (PostgreSQL's FOR UPDATE) so a concurrent delete waits instead of leaving derived rows behind.
    static func load(_ sql: any SQLDatabase, refs: [String], lockingRows: Bool = false) async throws -> [String: StoredEntityState] {
        var existing: [String: StoredEntityState] = [:]
        for chunk in refs.chunked(5000) {
            var select = "SELECT id, entity_key, ref, location_id, etag, spec_hash, generation, orphan FROM catalog_entities WHERE ref IN "
                + SQLQueryString.textList(chunk, dialect: sql.dialect.name)
            if lockingRows, sql.dialect.name == "postgresql" { select += " FOR UPDATE" }
            for row in try await sql.raw(select).all() {
                existing[try row.decode(column: "ref", as: String.self)] = StoredEntityState(
                    id: try row.decode(column: "id", as: String.self),
                    key: try row.decode(column: "entity_key", as: Int64.self),
                    locationID: try row.decode(column: "location_id", as: String?.self),
                    etag: try row.decode(column: "etag", as: String.self),
                    specHash: try row.decode(column: "spec_hash", as: String.self),
                    generation: try row.decode(column: "generation", as: Int64.self),
                    isOrphan: try row.decode(column: "orphan", as: Int.self) != 0)
            }
        }
        return existing
    }
}
