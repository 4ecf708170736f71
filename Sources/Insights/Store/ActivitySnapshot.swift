import Foundation
import FoyerCore
import SQLKit

/// The activity index as stored: users, keys, per-day and per-key-day buckets and first events per
/// action and subject (as bytes), and the sequence number of the last event in them. Raw events
/// after that number are replayed on load.
enum ActivitySnapshot {
    /// The whole saved index.
    static func load(_ sql: any SQLDatabase) async throws -> ActivityIndex {
        var index = ActivityIndex()
        for row in try await sql.raw("SELECT user_number, user_ref, first_at FROM insights_rollup_users").all() {
            index.restoreUser(number: UInt32(try row.decode(column: "user_number", as: Int.self)), ref: try row.decode(column: "user_ref", as: String.self),
                              firstAt: try row.decode(column: "first_at", as: Int64.self))
        }
        for row in try await sql.raw("SELECT key_number, dimension, key FROM insights_rollup_keys").all() {
            let name = try row.decode(column: "dimension", as: String.self)
            guard let dimension = TopDimension(rawValue: name) else { throw FoyerError.database("stored rollup of unknown dimension '\(name)'") }
            index.restoreKey(number: UInt32(try row.decode(column: "key_number", as: Int.self)), dimension: dimension, key: try row.decode(column: "key", as: String.self))
        }
        for row in try await sql.raw("SELECT day, users FROM insights_rollup_days").all() {
            index.restoreDay(try row.decode(column: "day", as: Int.self), try bucket(row))
        }
        for row in try await sql.raw("SELECT key_number, day, users FROM insights_rollup_key_days").all() {
            let keyDay = ActivityIndex.KeyDay(key: UInt32(try row.decode(column: "key_number", as: Int.self)), day: try row.decode(column: "day", as: Int.self))
            guard index.restoreKeyDay(keyDay, try bucket(row)) else { throw FoyerError.database("stored rollup of unknown key \(keyDay.key)") }
        }
        for row in try await sql.raw("SELECT subject_number, action, subject, users FROM insights_rollup_subjects").all() {
            guard let firsts = FirstTimes(bytes: try row.decode(column: "users", as: Data.self)) else {
                throw FoyerError.database("a stored rollup of first events is damaged")
            }
            index.restoreSubject(number: UInt32(try row.decode(column: "subject_number", as: Int.self)), action: try row.decode(column: "action", as: String.self),
                                 subject: try row.decode(column: "subject", as: String.self), firsts: firsts)
        }
        index.appliedSeq = try await savedSeq(sql)
        index.markSaved()
        return index
    }

    /// The sequence number the saved index includes events up to.
    static func savedSeq(_ sql: any SQLDatabase) async throws -> Int64 {
        try await state("applied_seq", sql)
    }

    /// Raw events up to this sequence number may be deleted: an index behind it must be loaded again.
    static func deletedThrough(_ sql: any SQLDatabase) async throws -> Int64 {
        try await state("deleted_through", sql)
    }

    /// Raises the mark to `seq` (never lowers it: two deleters may finish in either order). Callers
    /// run inside `LiveActivity`'s locked transaction, so the read and the write are one step.
    static func recordDeleted(through seq: Int64, _ sql: any SQLDatabase) async throws {
        try await setState("deleted_through", max(seq, try await deletedThrough(sql)), sql)
    }

    private static func state(_ name: String, _ sql: any SQLDatabase) async throws -> Int64 {
        try await sql.raw("SELECT value FROM insights_rollup_state WHERE name = \(bind: name)").first()?.decode(column: "value", as: Int64.self) ?? 0
    }

    private static func setState(_ name: String, _ value: Int64, _ sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO insights_rollup_state (name, value) VALUES (\(bind: name), \(bind: value))
            ON CONFLICT (name) DO UPDATE SET value = excluded.value
            """).run()
    }

    /// Writes what changed in `index` since it was last saved, and its sequence number.
    static func save(_ index: ActivityIndex, _ sql: any SQLDatabase) async throws {
        for chunk in index.changedUsers.sorted().chunked(300) {
            let rows = chunk.map { number -> SQLQueryString in
                "(\(bind: Int(number)), \(bind: index.refs[Int(number)]), \(bind: index.firstAt[Int(number)]))"
            }
            try await sql.raw("""
                INSERT INTO insights_rollup_users (user_number, user_ref, first_at) VALUES \(rows.joined(separator: ", "))
                ON CONFLICT (user_number) DO UPDATE SET first_at = excluded.first_at
                """).run()
        }
        for chunk in index.changedKeys.sorted().chunked(300) {
            let rows = chunk.map { number -> SQLQueryString in
                let name = index.keyNames[Int(number)]
                return "(\(bind: Int(number)), \(bind: name.dimension.rawValue), \(bind: name.key.text))"
            }
            // Another replica may have saved the same key (numbered alike: numbers follow the events' order).
            try await sql.raw("""
                INSERT INTO insights_rollup_keys (key_number, dimension, key) VALUES \(rows.joined(separator: ", "))
                ON CONFLICT (key_number) DO NOTHING
                """).run()
        }
        for chunk in index.changedDays.sorted().chunked(100) {
            let rows = chunk.map { day -> SQLQueryString in "(\(bind: day), \(bind: index.days[day]!.bytes))" }
            try await sql.raw("""
                INSERT INTO insights_rollup_days (day, users) VALUES \(rows.joined(separator: ", "))
                ON CONFLICT (day) DO UPDATE SET users = excluded.users
                """).run()
        }
        for chunk in Array(index.changedKeyDays).chunked(200) {
            let rows = chunk.map { keyDay -> SQLQueryString in
                "(\(bind: Int(keyDay.key)), \(bind: keyDay.day), \(bind: index.bucket(keyDay)!.bytes))"
            }
            try await sql.raw("""
                INSERT INTO insights_rollup_key_days (key_number, day, users) VALUES \(rows.joined(separator: ", "))
                ON CONFLICT (key_number, day) DO UPDATE SET users = excluded.users
                """).run()
        }
        for chunk in index.changedSubjects.sorted().chunked(100) {
            let rows = chunk.map { number -> SQLQueryString in
                let name = index.subjectNames[Int(number)]
                return "(\(bind: Int(number)), \(bind: name.action.text), \(bind: name.subject.text), \(bind: index.subjects[name.action]![name.subject]!.firsts.bytes))"
            }
            try await sql.raw("""
                INSERT INTO insights_rollup_subjects (subject_number, action, subject, users) VALUES \(rows.joined(separator: ", "))
                ON CONFLICT (subject_number) DO UPDATE SET users = excluded.users
                """).run()
        }
        try await setState("applied_seq", index.appliedSeq, sql)
    }

    private static func bucket(_ row: any SQLRow) throws -> UserCounts {
        guard let bucket = UserCounts(bytes: try row.decode(column: "users", as: Data.self)) else {
            throw FoyerError.database("a stored rollup bucket is damaged")
        }
        return bucket
    }
}
