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

    static let documents = BulkInsert(into: "catalog_search_documents", columns: [
        ("entity_id", .text), ("ref", .text), ("kind", .text), ("namespace", .text), ("name", .text), ("title", .text),
        ("description", .text), ("tags", .text), ("owner", .text), ("type", .text), ("lifecycle", .text), ("tokens", .text),
    ])

    /// The search rows of `entities` (entity, uid), encoded for `documents`.
    static func encode(_ entities: [(Entity, String)]) -> [String] {
        documents.encode(entities.map { entity, id in
            let document = SearchDocument(entity)
            return [.text(id), .text(entity.ref.description), .text(document.kind), .text(document.namespace), .text(document.name),
                    .text(document.title), .text(document.description), .text(document.tags), .text(document.owner),
                    .text(document.type), .text(document.lifecycle), .text(document.tokens)]
        })
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
        // Ranked on the words joined by spaces and on the term as typed, so `wayback-archive` is an
        // exact name and `team-c` an owner, though the index splits both into words. A term that is
        // its own words (`checkout flow`) is compared once, so it costs no more than before.
        let phrase = words.joined(separator: " ")
        let typed = String(term.trimmingCharacters(in: .whitespaces).lowercased().prefix(200))
        let forms = typed == phrase ? [phrase] : [phrase, typed]
        func equals(_ column: String) -> SQLQueryString {
            "d.\(unsafeRaw: column) IN (\(binds: forms))"
        }
        func like(_ column: String, prefixOnly: Bool = false) -> SQLQueryString {
            // The words hold only letters, digits and spaces; the typed form may hold LIKE's wildcards.
            let tests: [SQLQueryString] = forms.map { form in
                let pattern = (prefixOnly ? "" : "%") + form.escapedForLike + "%"
                return "d.\(unsafeRaw: column) LIKE \(bind: pattern)" + (form == phrase ? "" : " ESCAPE '\\'")
            }
            return "(" + tests.joined(separator: " OR ") + ")"
        }
        let score: SQLQueryString = """
            (CASE WHEN \(equals("name")) THEN 100 ELSE 0 END
             + CASE WHEN \(like("name", prefixOnly: true)) THEN 40 ELSE 0 END
             + CASE WHEN \(like("title")) THEN 30 ELSE 0 END
             + CASE WHEN \(like("name")) THEN 20 ELSE 0 END
             + CASE WHEN \(like("tags")) THEN 15 ELSE 0 END
             + CASE WHEN \(like("description")) THEN 10 ELSE 0 END
             + CASE WHEN \(equals("kind")) OR \(equals("type")) THEN 8 ELSE 0 END
             + CASE WHEN d.owner IN (\(binds: [typed, "group:" + typed, "group:default/" + typed])) THEN 50 ELSE 0 END
             + CASE WHEN \(like("owner")) THEN 5 ELSE 0 END)
            """
        let collate = EntityQuerySQL.collate(database.engine)
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
