import FoyerCore
import SQLKit

/// Exemptions and their audit trail, and the daily history of track levels and campaign progress.
enum ScorecardSchema {
    static let migrations = [
        Migration("scorecards.001-exemptions-history") { sql, _ in
            try await sql.create(table: "scorecard_exemptions")
                .column("id", type: .text, .primaryKey(autoIncrement: false))
                .column("entity_ref", type: .text, .notNull)
                .column("check_name", type: .text, .notNull)
                .column("reason", type: .text, .notNull)
                .column("expires_at", type: .bigint)
                .column("created_by", type: .text, .notNull)
                .column("created_at", type: .bigint, .notNull)
                .run()
            try await sql.create(index: "scorecard_exemptions_entity").on("scorecard_exemptions").column("entity_ref").run()
            // Every change to an exemption, kept when the exemption itself is deleted.
            try await sql.create(table: "scorecard_audit")
                .column("id", type: .text, .primaryKey(autoIncrement: false))
                .column("at", type: .bigint, .notNull)
                .column("actor", type: .text, .notNull)
                .column("action", type: .text, .notNull)
                .column("exemption_id", type: .text, .notNull)
                .column("entity_ref", type: .text, .notNull)
                .column("check_name", type: .text, .notNull)
                .column("reason", type: .text, .notNull)
                .run()
            // One row per day, subject (`track:<name>` or `campaign:<name>`) and key (a level, `none`, `done`, `total`).
            try await sql.create(table: "scorecard_history")
                .column("day", type: .int, .notNull)
                .column("subject", type: .text, .notNull)
                .column("key", type: .text, .notNull)
                .column("count", type: .bigint, .notNull)
                .primaryKey("day", "subject", "key")
                .run()
            try await sql.create(index: "scorecard_history_subject").on("scorecard_history").column("subject").column("day").run()
        },
    ]
}
