import FoyerCore
import SQLKit

/// "Was this helpful?" answers about one subject (`learning:<path>/<step>`, `feature:<name>`).
public struct HelpfulCounts: Sendable, Equatable {
    public let subject: String
    public var yes = 0
    public var no = 0
    /// Comments given, newest first.
    public var comments: [String] = []

    public init(subject: String) { self.subject = subject }
}

/// "Was this helpful?" answers: one per person and subject, a new answer replacing the old.
public struct HelpfulStore: Sendable {
    public let database: Database

    /// Subjects are short names of what was helpful, e.g. `learning:first-week/read-the-handbook`.
    public static let maxSubjectLength = 300

    public init(database: Database) { self.database = database }

    public func answer(subject: String, person: String, helpful: Bool, comment: String?, at: Int64) async throws {
        try await database.transaction { sql in
            try await sql.delete(from: "feedback_helpful").where("subject", .equal, subject).where("person", .equal, person).run()
            try await sql.insert(into: "feedback_helpful").columns("subject", "person", "helpful", "comment", "at")
                .values(SQLBind(subject), SQLBind(person), SQLBind(helpful ? 1 : 0), SQLBind(comment), SQLBind(at))
                .run()
        }
    }

    /// The counts of every subject starting with `prefix` (e.g. `learning:first-week/`), by subject.
    public func counts(prefix: String) async throws -> [String: HelpfulCounts] {
        let rows = try await database.sql.raw("""
            SELECT subject, helpful, comment FROM feedback_helpful
            WHERE substr(subject, 1, CAST(\(bind: prefix.count) AS INTEGER)) = \(bind: prefix) ORDER BY at DESC
            """).all()
        var counts: [String: HelpfulCounts] = [:]
        for row in rows {
            let subject = try row.decode(column: "subject", as: String.self)
            var entry = counts[subject] ?? HelpfulCounts(subject: subject)
            if try row.decode(column: "helpful", as: Int.self) != 0 { entry.yes += 1 } else { entry.no += 1 }
            if let comment = try row.decode(column: "comment", as: String?.self), !comment.isEmpty { entry.comments.append(comment) }
            counts[subject] = entry
        }
        return counts
    }
}
