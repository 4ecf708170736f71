import FoyerCore
import SQLKit

/// A step a user completed, and when it was first seen done.
public struct StepCompletion: Sendable, Equatable {
    public let user: String
    public let path: String
    public let step: String
    public let how: String
    public let completedAt: Int64

    public init(user: String, path: String, step: String, how: String, completedAt: Int64) {
        self.user = user
        self.path = path
        self.step = step
        self.how = how
        self.completedAt = completedAt
    }
}

/// Stored learning-step completions; the earliest time wins when one is recorded twice.
public struct LearningStore: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    /// Records `completions`, keeping the earlier time when a step is already recorded.
    public func record(_ completions: [StepCompletion]) async throws {
        for chunk in completions.chunked(300) {
            let rows = chunk.map { item -> SQLQueryString in
                "(\(bind: item.user), \(bind: item.path), \(bind: item.step), \(bind: item.how), \(bind: item.completedAt))"
            }
            try await database.sql.raw("""
                INSERT INTO learning_completions (user_ref, path, step, how, completed_at) VALUES \(rows.joined(separator: ", "))
                ON CONFLICT (user_ref, path, step) DO UPDATE SET completed_at = excluded.completed_at, how = excluded.how
                WHERE excluded.completed_at < learning_completions.completed_at
                """).run()
        }
    }

    /// `user`'s completions of `path` (or of every path), by step.
    public func completions(user: String, path: String? = nil) async throws -> [StepCompletion] {
        var query: SQLQueryString = "SELECT user_ref, path, step, how, completed_at FROM learning_completions WHERE user_ref = \(bind: user)"
        if let path { query += " AND path = \(bind: path)" }
        return try await read(query)
    }

    /// Every user's completions of `path`.
    public func completions(path: String) async throws -> [StepCompletion] {
        try await read("SELECT user_ref, path, step, how, completed_at FROM learning_completions WHERE path = \(bind: path)")
    }

    private func read(_ query: SQLQueryString) async throws -> [StepCompletion] {
        try await database.sql.raw(query).all().map { row in
            StepCompletion(user: try row.decode(column: "user_ref", as: String.self), path: try row.decode(column: "path", as: String.self),
                           step: try row.decode(column: "step", as: String.self), how: try row.decode(column: "how", as: String.self),
                           completedAt: try row.decode(column: "completed_at", as: Int64.self))
        }
    }
}
