import Foundation
import FoyerCore
import SQLKit

/// The activity index as stored: users, keys, per-day and per-key-day buckets and first events per
/// action and subject (as bytes), and the sequence number of the last event in them. Raw events
/// after that number are replayed on load.
///
/// From `insights.005` every row but a key's is stamped with the number it holds events up to
/// (`saved_through`): a save writes in several transactions, so ingest goes on meanwhile, and a
/// stamp tells a replay which rows already hold an event and a save which rows it must not overwrite.
enum ActivitySnapshot {
    /// The whole saved index, and its rows that hold events past its `appliedSeq` (none when
    /// `stamped` is false: before `insights.005` rows carry no stamp).
    static func load(_ sql: any SQLDatabase, stamped: Bool = true) async throws -> (index: ActivityIndex, ahead: ActivityIndex.SavedAhead) {
        let applied = try await savedSeq(sql)
        var ahead = ActivityIndex.SavedAhead()
        let stamp: SQLQueryString = stamped ? ", saved_through" : ", 0 AS saved_through"
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
        for row in try await sql.raw("SELECT day, users\(stamp) FROM insights_rollup_days").all() {
            let day = try row.decode(column: "day", as: Int.self)
            index.restoreDay(day, try bucket(row))
            if let through = try savedAhead(row, of: applied) { ahead.days[day] = through }
        }
        let keyDays: SQLQueryString = stamped ? "SELECT key_day, users, saved_through" : "SELECT key_number * \(literal: ActivityIndex.KeyDay.keyUnit) + day AS key_day, users, 0 AS saved_through"
        for row in try await sql.raw("\(keyDays) FROM insights_rollup_key_days").all() {
            let keyDay = ActivityIndex.KeyDay(stored: try row.decode(column: "key_day", as: Int64.self))
            guard index.restoreKeyDay(keyDay, try bucket(row)) else { throw FoyerError.database("stored rollup of unknown key \(keyDay.key)") }
            if let through = try savedAhead(row, of: applied) { ahead.keyDays[keyDay] = through }
        }
        for row in try await sql.raw("SELECT subject_number, action, subject, users FROM insights_rollup_subjects").all() {
            guard let firsts = FirstTimes(bytes: try row.decode(column: "users", as: Data.self)) else {
                throw FoyerError.database("a stored rollup of first events is damaged")
            }
            index.restoreSubject(number: UInt32(try row.decode(column: "subject_number", as: Int.self)), action: try row.decode(column: "action", as: String.self),
                                 subject: try row.decode(column: "subject", as: String.self), firsts: firsts)
        }
        index.appliedSeq = applied
        index.markSaved()
        return (index, ahead)
    }

    /// The row's stamp when it is past `applied`.
    private static func savedAhead(_ row: any SQLRow, of applied: Int64) throws -> Int64? {
        let through = try row.decode(column: "saved_through", as: Int64.self)
        return through > applied ? through : nil
    }

    /// The sequence number the saved index includes events up to.
    static func savedSeq(_ sql: any SQLDatabase) async throws -> Int64 {
        try await state("applied_seq", sql)
    }

    /// Raw events up to this sequence number may be deleted: an index behind it must be loaded again.
    static func deletedThrough(_ sql: any SQLDatabase) async throws -> Int64 {
        try await state("deleted_through", sql)
    }

    /// Raises the mark to `seq` (never lowers it: two deleters may finish in either order).
    static func recordDeleted(through seq: Int64, _ sql: any SQLDatabase) async throws {
        try await sql.raw(raiseState("deleted_through", to: seq)).run()
    }

    private static func state(_ name: String, _ sql: any SQLDatabase) async throws -> Int64 {
        try await sql.raw("SELECT value FROM insights_rollup_state WHERE name = \(bind: name)").first()?.decode(column: "value", as: Int64.self) ?? 0
    }

    /// Sets a state number to `value` unless it is higher already.
    static func raiseState(_ name: String, to value: Int64) -> SQLQueryString {
        """
        INSERT INTO insights_rollup_state (name, value) VALUES (\(bind: name), \(bind: value))
        ON CONFLICT (name) DO UPDATE SET value = excluded.value WHERE excluded.value > insights_rollup_state.value
        """
    }

    private static func bucket(_ row: any SQLRow) throws -> UserCounts {
        guard let bucket = UserCounts(bytes: try row.decode(column: "users", as: Data.self)) else {
            throw FoyerError.database("a stored rollup bucket is damaged")
        }
        return bucket
    }
}
