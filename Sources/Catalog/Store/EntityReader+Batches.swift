import FoyerCore
import SQLKit

extension EntityReader {
    /// Every entity with its relations, `batchSize` at a time in ref order, for evaluations over the
    /// whole catalog (adoption, scorecards) that should not hold all of it in memory at once. Each
    /// batch is parsed on its own task while the next one is read.
    public func forEachBatch(of batchSize: Int = 2000, _ body: ([StoredEntity]) async throws -> Void) async throws {
        var after: String?
        var parsing: Task<[StoredEntity], any Error>?
        while true {
            let rows = try await batch(after: after, limit: batchSize)
            try Task.checkCancellation()
            let next = rows.isEmpty ? nil : Task { try rows.map(Self.entity(from:)) }
            if let parsing { try await body(try await parsing.value) }
            guard let next, let last = rows.last else { return }
            parsing = next
            after = last.columns.ref
        }
    }

    /// One batch's rows, each with its relations as one `type target,type target` list: a single
    /// query and one column per entity, rather than a row per relation.
    private func batch(after: String?, limit: Int) async throws -> [(columns: StoredColumns, relations: String?)] {
        let list = database.engine == .postgres ? "string_agg(r.type || ' ' || r.target_ref, ',')" : "group_concat(r.type || ' ' || r.target_ref, ',')"
        let columns = StoredEntity.columns.map { "e.\($0)" }.joined(separator: ", ")
        let rows = try await database.sql.raw("""
            SELECT \(unsafeRaw: columns), (SELECT \(unsafeRaw: list) FROM catalog_relations r WHERE r.source_ref = e.ref) AS relation_list
            FROM catalog_entities e WHERE e.ref > \(bind: after ?? "") ORDER BY e.ref LIMIT \(literal: limit)
            """).all()
        return try rows.map { (try StoredColumns(row: $0), try $0.decode(column: "relation_list", as: String?.self)) }
    }

    /// Parses a row read by `batch`: the document, and the relations sorted and without repeats as
    /// every other read gives them.
    private static func entity(from row: (columns: StoredColumns, relations: String?)) throws -> StoredEntity {
        var entity = try StoredEntity(row.columns)
        var relations: [Relation] = []
        for item in row.relations?.utf8.split(separator: UInt8(ascii: ",")) ?? [] {
            guard let space = item.firstIndex(of: UInt8(ascii: " ")),
                  let target = EntityRef(stored: Substring(item[item.index(after: space)...])) else { continue }
            relations.append(Relation(source: entity.ref, type: String(Substring(item[..<space])), target: target))
        }
        entity.relations = Relation.sortedWithoutRepeats(relations)
        return entity
    }
}
