import FoyerCore
import SQLKit

/// Questions about what people did, for other modules (learning steps, onboarding): first
/// occurrences and first-seen times, read from the stored raw events and the activity index.
public struct EventHistory: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    /// For each user (or only `user`): the earliest event with `action` whose subject equals
    /// `subject`, or starts with it when `prefix` is true.
    public func firstOccurrences(action: String, subject: String, prefix: Bool, user: String? = nil) async throws -> [String: Int64] {
        var query: SQLQueryString = "SELECT user_ref, MIN(occurred_at) AS first_at FROM insights_events WHERE action = \(bind: action)"
        if prefix {
            let escaped = subject.escapedForLike
            query += " AND subject LIKE \(bind: escaped + "%") ESCAPE '\\'"
            // LIKE is case-insensitive on SQLite; the spec's prefix match is exact. SQL's substr counts
            // code points, where Swift's count would count characters.
            query += " AND substr(subject, 1, CAST(\(bind: subject.unicodeScalars.count) AS INTEGER)) = \(bind: subject)"
        } else {
            query += " AND subject = \(bind: subject)"
        }
        if let user { query += " AND user_ref = \(bind: user)" }
        query += " GROUP BY user_ref"
        var result: [String: Int64] = [:]
        for row in try await database.sql.raw(query).all() {
            result[try row.decode(column: "user_ref", as: String.self)] = try row.decode(column: "first_at", as: Int64.self)
        }
        return result
    }

    /// When each of `users` was first seen (their first stored event); users never seen are absent.
    public func firstSeen(_ users: [String]) async throws -> [String: Int64] {
        try await LiveActivity.of(database).current().firstSeen(users)
    }

    /// When each of `users` started using the portal: their first stored event or their linked
    /// account's creation, whichever came first (the spec's "new user" clock). Absent: neither.
    public func starts(of users: [String], accounts: AccountStore) async throws -> [String: Int64] {
        let firstSeen = try await firstSeen(users)
        return try await accounts.creationTimes(of: Set(users)).merging(firstSeen, uniquingKeysWith: min)
    }
}

extension EventHistory {
    /// The people with any event on the days `from` through `to`.
    public func activeUsers(from: Day, to: Day) async throws -> Set<String> {
        guard from <= to else { return [] }
        return try await LiveActivity.of(database).current().activeRefs(from.number...to.number)
    }

    /// The people with an event whose `context.pluginId` is `plugin` (or only `user`, if given).
    public func users(ofPlugin plugin: String, user: String? = nil) async throws -> Set<String> {
        // The context is stored as compact JSON: LIKE narrows the rows, parsing decides.
        var query: SQLQueryString = "SELECT DISTINCT user_ref, context FROM insights_events WHERE context LIKE \(bind: "%\"pluginId\"%")"
        if let user { query += " AND user_ref = \(bind: user)" }
        var users = Set<String>()
        for row in try await database.sql.raw(query).all() {
            guard let context = try row.decode(column: "context", as: String?.self).flatMap({ JSONValue.parse(jsonText: $0) }),
                  context["pluginId"]?.stringValue?.lowercased() == plugin.lowercased() else { continue }
            users.insert(try row.decode(column: "user_ref", as: String.self))
        }
        return users
    }
}
