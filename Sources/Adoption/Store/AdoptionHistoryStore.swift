import FoyerCore
import SQLKit

/// One day's totals of a scope (the organisation or a group), all features or one.
public struct HistoryPoint: Sendable, Equatable {
    public let day: Int
    public let unlocked: Int
    public let applicable: Int
    public let entities: Int

    init(row: any SQLRow) throws {
        day = try row.decode(column: "day", as: Int.self)
        unlocked = try row.decode(column: "unlocked", as: Int.self)
        applicable = try row.decode(column: "applicable", as: Int.self)
        entities = try row.decode(column: "entities", as: Int.self)
    }

    public init(day: Int, unlocked: Int, applicable: Int, entities: Int) {
        self.day = day
        self.unlocked = unlocked
        self.applicable = applicable
        self.entities = entities
    }
}

/// Daily totals, so adoption can be charted; a day's row is the last evaluation of that day.
public struct AdoptionHistoryStore: Sendable {
    public let database: Database
    public static let organisation = "organisation"
    /// `feature` value of a scope's all-features row.
    public static let allFeatures = ""

    public init(database: Database) { self.database = database }

    public struct Row: Sendable {
        let scope: String
        let feature: String
        let unlocked: Int
        let applicable: Int
        let entities: Int
    }

    /// Replaces `day`'s rows with `rows`.
    public func save(day: Int, rows: [Row]) async throws {
        try await database.transaction { sql in
            try await sql.delete(from: "adoption_history").where("day", .equal, SQLBind(day)).run()
            for chunk in rows.chunked(400) {
                let values = chunk.map { row -> SQLQueryString in
                    "(\(bind: day), \(bind: row.scope), \(bind: row.feature), \(bind: row.unlocked), \(bind: row.applicable), \(bind: row.entities))"
                }
                try await sql.raw("INSERT INTO adoption_history (day, scope, feature, unlocked, applicable, entities) VALUES \(values.joined(separator: ", "))").run()
            }
        }
    }

    /// The scope's daily points from `since` on, oldest first.
    public func history(scope: String, feature: String = allFeatures, since: Int) async throws -> [HistoryPoint] {
        try await database.sql.raw("""
            SELECT day, unlocked, applicable, entities FROM adoption_history
            WHERE scope = \(bind: scope) AND feature = \(bind: feature) AND day >= \(bind: since) ORDER BY day
            """).all().map(HistoryPoint.init(row:))
    }
}

extension AdoptionHistoryStore {
    /// The scope's daily points from `since` on for every feature (and '' for all), oldest first.
    public func historyByFeature(scope: String, since: Int) async throws -> [String: [HistoryPoint]] {
        var result: [String: [HistoryPoint]] = [:]
        for row in try await database.sql.raw("""
            SELECT feature, day, unlocked, applicable, entities FROM adoption_history
            WHERE scope = \(bind: scope) AND day >= \(bind: since) ORDER BY day
            """).all() {
            result[try row.decode(column: "feature", as: String.self), default: []].append(try HistoryPoint(row: row))
        }
        return result
    }
}
