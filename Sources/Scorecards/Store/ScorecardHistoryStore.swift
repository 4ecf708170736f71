import FoyerCore
import SQLKit

/// Daily counts of track levels and campaign progress, for history charts; a day's rows are the
/// last evaluation of that day.
public struct ScorecardHistoryStore: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    public static func subject(track: String) -> String { "track:\(track)" }
    public static func subject(campaign: String) -> String { "campaign:\(campaign)" }

    /// Replaces `day`'s counts with `counts` (subject → key → count).
    public func save(day: Int, counts: [String: [String: Int]]) async throws {
        let rows = counts.flatMap { subject, keys in keys.map { (subject, $0.key, $0.value) } }
        try await database.transaction { sql in
            try await sql.delete(from: "scorecard_history").where("day", .equal, SQLBind(day)).run()
            for chunk in rows.chunked(400) {
                let values = chunk.map { row -> SQLQueryString in "(\(bind: day), \(bind: row.0), \(bind: row.1), \(bind: row.2))" }
                try await sql.raw("INSERT INTO scorecard_history (day, subject, key, count) VALUES \(values.joined(separator: ", "))").run()
            }
        }
    }

    /// Day → key → count for `subject` from `since` on.
    public func history(subject: String, since: Int) async throws -> [Int: [String: Int]] {
        var result: [Int: [String: Int]] = [:]
        for row in try await database.sql.raw("""
            SELECT day, key, count FROM scorecard_history WHERE subject = \(bind: subject) AND day >= \(bind: since)
            """).all() {
            result[try row.decode(column: "day", as: Int.self), default: [:]][try row.decode(column: "key", as: String.self)] =
                try row.decode(column: "count", as: Int.self)
        }
        return result
    }
}
