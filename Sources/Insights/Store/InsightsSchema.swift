import FoyerCore
import SQLKit

/// Raw events, kept for the retention window, and the saved activity index every KPI reads instead of them.
enum InsightsSchema {
    static let migrations = [
        Migration("insights.001-events") { sql, _ in
            try await eventValues(sql.create(table: "insights_events")
                .column("event_id", type: .text, .primaryKey(autoIncrement: false)))
                .run()
            try await sql.create(index: "insights_events_occurred").on("insights_events").column("occurred_at").run()
            // One row per user and day with that day's event count: active users, stickiness, retention.
            try await sql.create(table: "insights_user_days")
                .column("user_ref", type: .text, .notNull)
                .column("day", type: .int, .notNull)
                .column("week", type: .int, .notNull)
                .column("month", type: .int, .notNull)
                .column("events", type: .bigint, .notNull)
                .primaryKey("user_ref", "day")
                .run()
            try await sql.create(index: "insights_user_days_day").on("insights_user_days").column("day").column("user_ref").run()
            // Each user's first event ever, by timestamp: new users and cohorts.
            try await sql.create(table: "insights_users")
                .column("user_ref", type: .text, .primaryKey(autoIncrement: false))
                .column("first_at", type: .bigint, .notNull)
                .column("first_day", type: .int, .notNull)
                .column("first_week", type: .int, .notNull)
                .column("first_month", type: .int, .notNull)
                .run()
            try await sql.create(index: "insights_users_first_week").on("insights_users").column("first_week").run()
            // Per dimension key, user and day: `top` with event and user counts.
            try await sql.create(table: "insights_key_days")
                .column("dimension", type: .text, .notNull)
                .column("key", type: .text, .notNull)
                .column("user_ref", type: .text, .notNull)
                .column("day", type: .int, .notNull)
                .column("events", type: .bigint, .notNull)
                .primaryKey("dimension", "key", "user_ref", "day")
                .run()
            try await sql.create(index: "insights_key_days_day").on("insights_key_days").column("dimension").column("day").run()
            // Users (e.g. service accounts) left out of every KPI; their events stay stored.
            try await sql.create(table: "insights_excluded_users")
                .column("user_ref", type: .text, .primaryKey(autoIncrement: false))
                .column("reason", type: .text, .notNull)
                .column("created_at", type: .bigint, .notNull)
                .run()
        },
        // Learning steps ask "when did this user first do <action> on <subject>?".
        Migration("insights.002-action-subject") { sql, _ in
            try await sql.create(index: "insights_events_action_subject").on("insights_events").column("action").column("subject").run()
        },
        // The activity index replaces the first rollups: events get a sequence number, users and keys
        // get numbers, and each day and key-day keeps its users as bytes.
        Migration("insights.003-activity-index") { sql, _ in
            try await sql.alter(table: "insights_events").column("seq", type: .bigint).run()
            try await sql.create(index: "insights_events_seq").on("insights_events").column("seq").run()
            try await sql.create(table: "insights_rollup_users")
                .column("user_number", type: .bigint, .primaryKey(autoIncrement: false))
                .column("user_ref", type: .text, .notNull)
                .column("first_at", type: .bigint, .notNull)
                .run()
            try await sql.create(table: "insights_rollup_keys")
                .column("key_number", type: .bigint, .primaryKey(autoIncrement: false))
                .column("dimension", type: .text, .notNull)
                .column("key", type: .text, .notNull)
                .run()
            try await sql.create(table: "insights_rollup_days")
                .column("day", type: .int, .primaryKey(autoIncrement: false))
                .column("users", type: .blob, .notNull)
                .run()
            try await sql.create(table: "insights_rollup_key_days")
                .column("key_number", type: .bigint, .notNull)
                .column("day", type: .int, .notNull)
                .column("users", type: .blob, .notNull)
                .primaryKey("key_number", "day")
                .run()
            try await sql.create(table: "insights_rollup_state")
                .column("name", type: .text, .primaryKey(autoIncrement: false))
                .column("value", type: .bigint, .notNull)
                .run()
            try await ActivitySnapshot.save(whole: try await legacyIndex(sql), sql)
            for table in ["insights_key_days", "insights_user_days", "insights_users"] { try await sql.drop(table: table).run() }
        },
        // Ingest writes the raw row and its two keys only: the sequence number becomes the primary key
        // (SQLite's rowid), and the time and action-subject indexes go, since first occurrences are
        // now answered by the activity index. They cost ingest half its rate.
        Migration("insights.004-lean-events") { sql, _ in
            try await eventValues(sql.create(table: "insights_events_lean")
                .column("seq", type: .bigint, .primaryKey(autoIncrement: false))
                .column("event_id", type: .text, .notNull, .unique))
                .run()
            // Events from before sequence numbers (held by the saved index) get numbers below every real one.
            try await sql.raw("""
                INSERT INTO insights_events_lean (seq, event_id, user_ref, action, subject, value, attributes, context, occurred_at, day, received_at)
                SELECT COALESCE(seq, -ROW_NUMBER() OVER (ORDER BY occurred_at, event_id)), event_id, user_ref, action, subject, value,
                       attributes, context, occurred_at, day, received_at
                FROM insights_events
                """).run()
            try await sql.drop(table: "insights_events").run()
            try await sql.raw("ALTER TABLE insights_events_lean RENAME TO insights_events").run()
            try await sql.create(table: "insights_rollup_subjects")
                .column("subject_number", type: .bigint, .primaryKey(autoIncrement: false))
                .column("action", type: .text, .notNull)
                .column("subject", type: .text, .notNull)
                .column("users", type: .blob, .notNull)
                .run()
            try await ActivitySnapshot.save(whole: try await indexWithSubjects(sql), sql)
        },
        // A save writes in several short transactions, so ingest need not wait for all of it: each row
        // says which events it holds (0: those of the snapshot's sequence number, as saved before).
        // Key-days are keyed by one number in key, then day order, which SQLite keeps its rows in: a
        // save writes them in that order, so each transaction rewrites neighbouring pages.
        Migration("insights.005-stamped-snapshot") { sql, _ in
            for table in ["insights_rollup_users", "insights_rollup_days", "insights_rollup_subjects"] {
                try await sql.alter(table: table).column("saved_through", type: .bigint, .notNull, .default(SQLLiteral.numeric("0"))).run()
            }
            try await sql.create(table: "insights_rollup_key_days_stamped")
                .column("key_day", type: .bigint, .primaryKey(autoIncrement: false))
                .column("users", type: .blob, .notNull)
                .column("saved_through", type: .bigint, .notNull, .default(SQLLiteral.numeric("0")))
                .run()
            try await sql.raw("""
                INSERT INTO insights_rollup_key_days_stamped (key_day, users)
                SELECT key_number * \(literal: ActivityIndex.KeyDay.keyUnit) + day, users FROM insights_rollup_key_days ORDER BY key_number, day
                """).run()
            try await sql.drop(table: "insights_rollup_key_days").run()
            try await sql.raw("ALTER TABLE insights_rollup_key_days_stamped RENAME TO insights_rollup_key_days").run()
        },
    ]

    /// An event's columns after its keys, as both event tables have them. Migrations that ran must
    /// stay as they ran: a new column goes in a new migration, not here.
    private static func eventValues(_ table: SQLCreateTableBuilder) -> SQLCreateTableBuilder {
        table
            .column("user_ref", type: .text, .notNull)
            .column("action", type: .text, .notNull)
            .column("subject", type: .text, .notNull)
            .column("value", type: .real)
            .column("attributes", type: .text)
            .column("context", type: .text)
            .column("occurred_at", type: .bigint, .notNull)
            .column("day", type: .int, .notNull)
            .column("received_at", type: .bigint, .notNull)
    }

    /// The saved index with the first occurrences of the raw events it holds added, read in ranges
    /// of sequence numbers so no answer holds more than a range's rows.
    private static func indexWithSubjects(_ sql: any SQLDatabase) async throws -> ActivityIndex {
        var index = try await ActivitySnapshot.load(sql, stamped: false).index
        let lowest = try await sql.raw("SELECT COALESCE(MIN(seq), 1) AS low FROM insights_events").first()?.decode(column: "low", as: Int64.self) ?? 1
        for start in stride(from: lowest, through: index.appliedSeq, by: 200_000) {
            let end = min(start + 199_999, index.appliedSeq)
            for row in try await sql.raw("""
                SELECT action, subject, user_ref, MIN(occurred_at) AS first_at FROM insights_events
                WHERE seq BETWEEN \(bind: start) AND \(bind: end) GROUP BY action, subject, user_ref
                """).all() {
                _ = index.addFirst(user: try row.decode(column: "user_ref", as: String.self), action: try row.decode(column: "action", as: String.self),
                                   subject: try row.decode(column: "subject", as: String.self), at: try row.decode(column: "first_at", as: Int64.self))
            }
        }
        return index
    }

    /// The first rollups (which outlive deleted raw events) as an index, to save in the new form.
    private static func legacyIndex(_ sql: any SQLDatabase) async throws -> ActivityIndex {
        var index = ActivityIndex()
        for row in try await sql.raw("SELECT user_ref, first_at FROM insights_users ORDER BY first_at, user_ref").all() {
            index.addLegacy(user: try row.decode(column: "user_ref", as: String.self), firstAt: try row.decode(column: "first_at", as: Int64.self))
        }
        for row in try await sql.raw("SELECT user_ref, day, events FROM insights_user_days").all() {
            index.addLegacy(user: try row.decode(column: "user_ref", as: String.self), day: try row.decode(column: "day", as: Int.self),
                            events: try row.decode(column: "events", as: Int.self))
        }
        for row in try await sql.raw("SELECT dimension, key, user_ref, day, events FROM insights_key_days").all() {
            guard let dimension = TopDimension(rawValue: try row.decode(column: "dimension", as: String.self)) else { continue }
            index.addLegacy(dimension: dimension, key: try row.decode(column: "key", as: String.self), user: try row.decode(column: "user_ref", as: String.self),
                            day: try row.decode(column: "day", as: Int.self), events: try row.decode(column: "events", as: Int.self))
        }
        return index
    }
}
