import FoyerCore
import SQLKit

/// The rollup rows a set of new events adds: summed in memory, then upserted in a few statements.
struct Rollups {
    struct UserDay: Hashable { let user: String; let day: Int }
    struct KeyDay: Hashable { let dimension: String; let key: String; let user: String; let day: Int }

    var userDays: [UserDay: Int] = [:]
    var firstSeen: [String: Int64] = [:]
    var keyDays: [KeyDay: Int] = [:]

    init(_ events: [UsageEvent]) {
        for event in events {
            let day = event.day.number
            userDays[UserDay(user: event.user, day: day), default: 0] += 1
            firstSeen[event.user] = min(firstSeen[event.user] ?? .max, event.timestamp)
            for dimension in TopDimension.allCases {
                guard let key = dimension.key(for: event) else { continue }
                keyDays[KeyDay(dimension: dimension.rawValue, key: String(key.prefix(2048)), user: event.user, day: day), default: 0] += 1
            }
        }
    }

    func write(_ sql: any SQLDatabase) async throws {
        for chunk in Array(userDays).chunked(400) {
            let rows = chunk.map { entry -> SQLQueryString in
                let day = Day(entry.key.day)
                return "(\(bind: entry.key.user), \(bind: day.number), \(bind: day.weekStart.number), \(bind: day.monthStart.number), \(bind: entry.value))"
            }
            try await sql.raw("""
                INSERT INTO insights_user_days (user_ref, day, week, month, events) VALUES \(rows.joined(separator: ", "))
                ON CONFLICT (user_ref, day) DO UPDATE SET events = insights_user_days.events + excluded.events
                """).run()
        }
        for chunk in Array(firstSeen).chunked(400) {
            let rows = chunk.map { user, first -> SQLQueryString in
                let day = Day(epochMillis: first)
                return "(\(bind: user), \(bind: first), \(bind: day.number), \(bind: day.weekStart.number), \(bind: day.monthStart.number))"
            }
            // "First" is by timestamp: an older event arriving late moves the user's first day back.
            try await sql.raw("""
                INSERT INTO insights_users (user_ref, first_at, first_day, first_week, first_month) VALUES \(rows.joined(separator: ", "))
                ON CONFLICT (user_ref) DO UPDATE SET
                  first_day = CASE WHEN excluded.first_at < insights_users.first_at THEN excluded.first_day ELSE insights_users.first_day END,
                  first_week = CASE WHEN excluded.first_at < insights_users.first_at THEN excluded.first_week ELSE insights_users.first_week END,
                  first_month = CASE WHEN excluded.first_at < insights_users.first_at THEN excluded.first_month ELSE insights_users.first_month END,
                  first_at = CASE WHEN excluded.first_at < insights_users.first_at THEN excluded.first_at ELSE insights_users.first_at END
                """).run()
        }
        for chunk in Array(keyDays).chunked(300) {
            let rows = chunk.map { entry -> SQLQueryString in
                "(\(bind: entry.key.dimension), \(bind: entry.key.key), \(bind: entry.key.user), \(bind: entry.key.day), \(bind: entry.value))"
            }
            try await sql.raw("""
                INSERT INTO insights_key_days (dimension, key, user_ref, day, events) VALUES \(rows.joined(separator: ", "))
                ON CONFLICT (dimension, key, user_ref, day) DO UPDATE SET events = insights_key_days.events + excluded.events
                """).run()
        }
    }
}
