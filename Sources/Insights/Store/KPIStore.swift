import FoyerCore
import SQLKit

/// The adoption KPIs of `specs/insights.md`, read from the rollups (never from raw events), with
/// excluded users left out.
public struct KPIStore: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    static let counted: SQLQueryString = "user_ref NOT IN (SELECT user_ref FROM insights_excluded_users)"

    /// Active, new and returning users of every period overlapping `range`.
    public func activeUsers(_ range: DayRange, grouping: Grouping) async throws -> [ActivePeriod] {
        let column = Self.periodColumn(grouping)
        let active = try await counts("""
            SELECT \(unsafeRaw: column) AS period, COUNT(DISTINCT user_ref) AS total FROM insights_user_days
            WHERE day BETWEEN \(bind: range.from.number) AND \(bind: range.to.number) AND \(Self.counted) GROUP BY \(unsafeRaw: column)
            """)
        // New in a period: active in it (within the range) with the first event ever in the same period.
        let new = try await counts("""
            SELECT d.\(unsafeRaw: column) AS period, COUNT(DISTINCT d.user_ref) AS total
            FROM insights_user_days d JOIN insights_users u ON u.user_ref = d.user_ref
            WHERE d.day BETWEEN \(bind: range.from.number) AND \(bind: range.to.number) AND u.first_\(unsafeRaw: column) = d.\(unsafeRaw: column)
              AND d.\(Self.counted) GROUP BY d.\(unsafeRaw: column)
            """)
        return grouping.periods(overlapping: range).map { period in
            let activeUsers = active[period.start.number] ?? 0
            let newUsers = new[period.start.number] ?? 0
            return ActivePeriod(period: period.start, activeUsers: activeUsers, newUsers: newUsers)
        }
    }

    /// Weekly cohorts of first-time users for every week overlapping `range`, with how many came back each week until `to`.
    public func retention(_ range: DayRange) async throws -> [Cohort] {
        let fromWeek = range.from.weekStart.number, toWeek = range.to.weekStart.number
        let rows = try await database.sql.raw("""
            SELECT u.first_week AS cohort, d.week AS week, COUNT(DISTINCT d.user_ref) AS total
            FROM insights_users u JOIN insights_user_days d ON d.user_ref = u.user_ref
            WHERE u.first_week BETWEEN \(bind: fromWeek) AND \(bind: toWeek) AND u.first_day <= \(bind: range.to.number)
              AND d.day <= \(bind: range.to.number) AND d.week >= u.first_week AND u.\(Self.counted)
            GROUP BY u.first_week, d.week
            """).all()
        var byCohort: [Int: [Int: Int]] = [:]
        for row in rows {
            byCohort[try row.decode(column: "cohort", as: Int.self), default: [:]][try row.decode(column: "week", as: Int.self)] = try row.decode(column: "total", as: Int.self)
        }
        return byCohort.keys.sorted().compactMap { cohort in
            let weeks = byCohort[cohort]!
            let size = weeks[cohort] ?? 0
            guard size > 0 else { return nil }
            let retained = stride(from: cohort, through: toWeek, by: 7).map { weeks[$0] ?? 0 }
            return Cohort(week: Day(cohort), size: size, retained: retained)
        }
    }

    /// The keys of `dimension` with the most events in `range`, with how many users each had.
    public func top(_ dimension: TopDimension, range: DayRange, limit: Int) async throws -> [TopItem] {
        let collate = database.engine == .postgres ? " COLLATE \"C\"" : ""
        let rows = try await database.sql.raw("""
            SELECT key, CAST(SUM(events) AS BIGINT) AS events, COUNT(DISTINCT user_ref) AS users FROM insights_key_days
            WHERE dimension = \(bind: dimension.rawValue) AND day BETWEEN \(bind: range.from.number) AND \(bind: range.to.number) AND \(Self.counted)
            GROUP BY key ORDER BY events DESC, key\(unsafeRaw: collate) ASC LIMIT \(literal: limit)
            """).all()
        return try rows.map { row in
            TopItem(key: try row.decode(column: "key", as: String.self), events: try row.decode(column: "events", as: Int.self),
                    users: try row.decode(column: "users", as: Int.self))
        }
    }

    /// Totals over the whole range; `headcount` comes from the catalog (or configuration).
    public func summary(_ range: DayRange, headcount: Int) async throws -> Summary {
        let row = try await database.sql.raw("""
            SELECT COUNT(DISTINCT user_ref) AS active, COUNT(*) AS user_days, CAST(COALESCE(SUM(events), 0) AS BIGINT) AS events FROM insights_user_days
            WHERE day BETWEEN \(bind: range.from.number) AND \(bind: range.to.number) AND \(Self.counted)
            """).first()
        let newRow = try await database.sql.raw("""
            SELECT COUNT(*) AS total FROM insights_users
            WHERE first_day BETWEEN \(bind: range.from.number) AND \(bind: range.to.number) AND \(Self.counted)
            """).first()
        return Summary(
            range: range, activeUsers: try row?.decode(column: "active", as: Int.self) ?? 0,
            userDays: try row?.decode(column: "user_days", as: Int.self) ?? 0, newUsers: try newRow?.decode(column: "total", as: Int.self) ?? 0,
            events: try row?.decode(column: "events", as: Int.self) ?? 0, headcount: headcount)
    }

    /// Events and users of one key of `dimension` per period of `range` (an entity's views over
    /// time), and how many distinct users it had over the whole range.
    public func series(_ dimension: TopDimension, key: String, range: DayRange, grouping: Grouping) async throws -> (periods: [TopItem], users: Int) {
        let rows = try await database.sql.raw("""
            SELECT day, user_ref, events FROM insights_key_days
            WHERE dimension = \(bind: dimension.rawValue) AND key = \(bind: key) AND day BETWEEN \(bind: range.from.number) AND \(bind: range.to.number)
              AND \(Self.counted)
            """).all()
        var events: [Int: Int] = [:], users: [Int: Set<String>] = [:]
        for row in rows {
            let period = grouping.start(of: Day(try row.decode(column: "day", as: Int.self))).number
            events[period, default: 0] += try row.decode(column: "events", as: Int.self)
            users[period, default: []].insert(try row.decode(column: "user_ref", as: String.self))
        }
        let periods = grouping.periods(overlapping: range).map { period in
            TopItem(key: period.start.description, events: events[period.start.number] ?? 0, users: users[period.start.number]?.count ?? 0)
        }
        return (periods, users.values.reduce(into: Set<String>()) { $0.formUnion($1) }.count)
    }

    /// For each of `users`: on how many days of `range` they were active, and their last active day.
    public func activity(of users: [String], range: DayRange) async throws -> [String: (days: Int, last: Day)] {
        var result: [String: (days: Int, last: Day)] = [:]
        for chunk in users.chunked(500) where !chunk.isEmpty {
            let rows = try await database.sql.raw("""
                SELECT user_ref, COUNT(*) AS days, MAX(day) AS last_day FROM insights_user_days
                WHERE user_ref IN (\(binds: chunk)) AND day BETWEEN \(bind: range.from.number) AND \(bind: range.to.number) GROUP BY user_ref
                """).all()
            for row in rows {
                result[try row.decode(column: "user_ref", as: String.self)] = (try row.decode(column: "days", as: Int.self),
                                                                             Day(try row.decode(column: "last_day", as: Int.self)))
            }
        }
        return result
    }

    private func counts(_ query: SQLQueryString) async throws -> [Int: Int] {
        var result: [Int: Int] = [:]
        for row in try await database.sql.raw(query).all() {
            result[try row.decode(column: "period", as: Int.self)] = try row.decode(column: "total", as: Int.self)
        }
        return result
    }

    private static func periodColumn(_ grouping: Grouping) -> String {
        switch grouping {
        case .day: "day"
        case .week: "week"
        case .month: "month"
        }
    }
}
