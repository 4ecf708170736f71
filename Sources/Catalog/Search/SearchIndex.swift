import FoyerCore
import SQLKit

/// One search hit, ranked.
public struct SearchHit: Sendable {
    public let entity: Entity
    public let score: Int
}

/// Full-text search over the catalog: the engine's index finds entities holding every word (as a
/// prefix); one portable SQL formula ranks them, so both engines answer identically.
public struct SearchIndex: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    /// Adds the search rows of `entities` (whose old rows the caller removed), in batches.
    static func index(_ entities: [(Entity, String)], sql: any SQLDatabase) async throws {
        for chunk in entities.chunked(400) {
            var insert = sql.insert(into: "catalog_search_documents")
                .columns("entity_id", "ref", "kind", "namespace", "name", "title", "description", "tags", "owner", "type", "lifecycle", "tokens")
            for (entity, id) in chunk {
                let document = SearchDocument(entity)
                insert = insert.values(SQLBind(id), SQLBind(entity.ref.description), SQLBind(document.kind), SQLBind(document.namespace),
                                       SQLBind(document.name), SQLBind(document.title), SQLBind(document.description), SQLBind(document.tags),
                                       SQLBind(document.owner), SQLBind(document.type), SQLBind(document.lifecycle), SQLBind(document.tokens))
            }
            try await insert.run()
        }
    }

    /// The hits for `term`, best first, and how many there are in all; `kinds` and `types` (when given) restrict them.
    public func search(_ term: String, kinds: [String] = [], types: [String] = [], offset: Int, limit: Int) async throws -> (hits: [SearchHit], total: Int) {
        let words = Array(SearchTokenizer.tokens(term).prefix(10))
        guard !words.isEmpty else { return ([], 0) }
        var restriction: SQLQueryString = ""
        if !kinds.isEmpty { restriction += " AND d.kind IN (\(binds: kinds.map { $0.lowercased() }))" }
        if !types.isEmpty { restriction += " AND d.type IN (\(binds: types.map { $0.lowercased() }))" }
        let match: SQLQueryString
        var count: SQLQueryString
        switch database.engine {
        case .sqlite:
            let expression = words.map { "\"\($0)\"*" }.joined(separator: " AND ")
            match = "d.doc_id IN (SELECT rowid FROM catalog_fts WHERE catalog_fts MATCH \(bind: expression))"
            count = "SELECT COUNT(*) AS total FROM catalog_fts WHERE catalog_fts MATCH \(bind: expression)"
        case .postgres:
            let expression = words.map { "'\($0)':*" }.joined(separator: " & ")
            match = "to_tsvector('simple', d.tokens) @@ to_tsquery('simple', \(bind: expression))"
            count = "SELECT COUNT(*) AS total FROM catalog_search_documents d WHERE \(match)"
        }
        if !kinds.isEmpty || !types.isEmpty {
            count = "SELECT COUNT(*) AS total FROM catalog_search_documents d WHERE \(match)\(restriction)"
        }
        let phrase = words.joined(separator: " ")
        let like = "%" + phrase + "%"
        let score: SQLQueryString = """
            (CASE WHEN d.name = \(bind: phrase) THEN 100 ELSE 0 END
             + CASE WHEN d.name LIKE \(bind: phrase + "%") THEN 40 ELSE 0 END
             + CASE WHEN d.title LIKE \(bind: like) THEN 30 ELSE 0 END
             + CASE WHEN d.name LIKE \(bind: like) THEN 20 ELSE 0 END
             + CASE WHEN d.tags LIKE \(bind: like) THEN 15 ELSE 0 END
             + CASE WHEN d.description LIKE \(bind: like) THEN 10 ELSE 0 END
             + CASE WHEN d.kind = \(bind: phrase) OR d.type = \(bind: phrase) THEN 8 ELSE 0 END
             + CASE WHEN d.owner LIKE \(bind: like) THEN 5 ELSE 0 END)
            """
        let collate = database.engine == .postgres ? " COLLATE \"C\"" : ""
        let rows = try await database.sql.raw("""
            SELECT e.body, \(score) AS score FROM catalog_search_documents d JOIN catalog_entities e ON e.id = d.entity_id
            WHERE \(match)\(restriction) ORDER BY score DESC, d.ref\(unsafeRaw: collate) ASC LIMIT \(literal: limit) OFFSET \(literal: offset)
            """).all()
        let countRow = try await database.sql.raw(count).first()
        let hits = try rows.map { row in
            SearchHit(entity: Entity(document: JSONValue.parse(jsonText: try row.decode(column: "body", as: String.self)) ?? .null),
                      score: try row.decode(column: "score", as: Int.self))
        }
        return (hits, try countRow?.decode(column: "total", as: Int.self) ?? 0)
    }
}
