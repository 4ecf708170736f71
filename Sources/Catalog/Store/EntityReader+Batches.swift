import FoyerCore
import SQLKit

extension EntityReader {
    /// Every entity with its relations, `batchSize` at a time in ref order, for evaluations over the
    /// whole catalog (adoption, scorecards) that should not hold all of it in memory at once. The
    /// database reads the next batch and another task parses this one while `body` takes the last.
    public func forEachBatch(of batchSize: Int = 2000, _ body: ([StoredEntity]) async throws -> Void) async throws {
        var reading = Task { try await batch(after: nil, limit: batchSize) }
        defer { reading.cancel() }
        var parsing: Task<[StoredEntity?], any Error>?
        var parsingRows: [BatchRow] = []
        while true {
            let rows = try await reading.value
            try Task.checkCancellation()
            if let last = rows.last {
                // Reading is the slowest step: the database starts on the next batch at once.
                reading = Task { try await batch(after: last.columns.ref, limit: batchSize) }
            }
            let next = rows.isEmpty ? nil : Task { try rows.map(Self.entity(from:)) }
            if let parsing { try await body(try await completed(try await parsing.value, rows: parsingRows)) }
            guard let next else { return }
            parsing = next
            parsingRows = rows
        }
    }

    /// A row of `batch`: the entity's columns and `count<GS>type<US>target<RS>type<US>target…`, its
    /// relations in one text with ASCII separators that refs do not normally hold.
    private typealias BatchRow = (columns: StoredColumns, relations: String?)

    /// One batch's rows, each with its relations aggregated: a single query and one column per
    /// entity, rather than a row per relation.
    private func batch(after: String?, limit: Int) async throws -> [BatchRow] {
        let list = database.engine == .postgres
            ? "count(*)::text || chr(29) || string_agg(r.type || chr(31) || r.target_ref, chr(30))"
            : "count(*) || char(29) || group_concat(r.type || char(31) || r.target_ref, char(30))"
        let columns = StoredEntity.columns.map { "e.\($0)" }.joined(separator: ", ")
        let rows = try await database.sql.raw("""
            SELECT \(unsafeRaw: columns), (SELECT \(unsafeRaw: list) FROM catalog_relations r WHERE r.source_ref = e.ref) AS relation_list
            FROM catalog_entities e WHERE e.ref > \(bind: after ?? "") ORDER BY e.ref LIMIT \(literal: limit)
            """).all()
        return try rows.map { (try StoredColumns(row: $0), try $0.decode(column: "relation_list", as: String?.self)) }
    }

    /// Parses a row read by `batch`: the document, and the relations sorted and without repeats as
    /// every other read gives them; nil when a target held a separator, so the list cannot be trusted.
    private static func entity(from row: BatchRow) throws -> StoredEntity? {
        var entity = try StoredEntity(row.columns)
        guard let list = row.relations?.utf8 else { return entity }
        guard let counted = list.firstIndex(of: 29), let count = Int(Substring(list[..<counted])) else { return nil }
        let items = list[list.index(after: counted)...].split(separator: 30, omittingEmptySubsequences: false)
        guard items.count == count else { return nil }
        var relations: [Relation] = []
        for item in items {
            guard let unit = item.firstIndex(of: 31), let target = EntityRef(stored: Substring(item[item.index(after: unit)...])) else { continue }
            relations.append(Relation(source: entity.ref, type: String(Substring(item[..<unit])), target: target))
        }
        entity.relations = Relation.sortedWithoutRepeats(relations)
        return entity
    }

    /// The parsed batch, with entities whose relation list could not be trusted read again the slow way.
    private func completed(_ parsed: [StoredEntity?], rows: [BatchRow]) async throws -> [StoredEntity] {
        guard parsed.contains(where: { $0 == nil }) else { return parsed.compactMap { $0 } }
        var entities: [StoredEntity] = []
        for (entity, row) in zip(parsed, rows) {
            if let entity {
                entities.append(entity)
            } else {
                entities += try await withRelations([try StoredEntity(row.columns)])
            }
        }
        return entities
    }
}
