import FoyerCore
import SQLKit

/// The adoption module's tables: daily history of unlock totals, and learning-step completions.
enum AdoptionSchema {
    static let migrations = [
        Migration("adoption.001-history-and-learning") { sql, _ in
            // One row per day, scope (`organisation` or a group ref) and feature ('' = all features).
            try await sql.create(table: "adoption_history")
                .column("day", type: .int, .notNull)
                .column("scope", type: .text, .notNull)
                .column("feature", type: .text, .notNull)
                .column("unlocked", type: .bigint, .notNull)
                .column("applicable", type: .bigint, .notNull)
                .column("entities", type: .bigint, .notNull)
                .primaryKey("day", "scope", "feature")
                .run()
            try await sql.create(index: "adoption_history_scope").on("adoption_history").column("scope").column("feature").column("day").run()
            // The first time each user was seen to complete each step; `how` says what completed it.
            try await sql.create(table: "learning_completions")
                .column("user_ref", type: .text, .notNull)
                .column("path", type: .text, .notNull)
                .column("step", type: .text, .notNull)
                .column("how", type: .text, .notNull)
                .column("completed_at", type: .bigint, .notNull)
                .primaryKey("user_ref", "path", "step")
                .run()
            try await sql.create(index: "learning_completions_path").on("learning_completions").column("path").column("step").run()
        },
    ]
}
