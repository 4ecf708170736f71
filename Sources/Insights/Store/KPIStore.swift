import FoyerCore

/// The adoption KPIs of `specs/insights.md`, answered from the activity index (never by scanning
/// raw events), with excluded users left out.
public struct KPIStore: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    /// Active, new and returning users of every period overlapping `range`.
    public func activeUsers(_ range: DayRange, grouping: Grouping) async throws -> [ActivePeriod] {
        let (index, excluded) = try await counted()
        return index.activeUsers(range, grouping: grouping, excluding: excluded)
    }

    /// Weekly cohorts of first-time users for every week overlapping `range`, with how many came back each week until `to`.
    public func retention(_ range: DayRange) async throws -> [Cohort] {
        let (index, excluded) = try await counted()
        return index.retention(range, excluding: excluded)
    }

    /// The keys of `dimension` with the most events in `range`, with how many users each had.
    public func top(_ dimension: TopDimension, range: DayRange, limit: Int) async throws -> [TopItem] {
        let (index, excluded) = try await counted()
        return index.top(dimension, range: range, limit: limit, excluding: excluded)
    }

    /// Totals over the whole range; `headcount` comes from the catalog (or configuration).
    public func summary(_ range: DayRange, headcount: Int) async throws -> Summary {
        let (index, excluded) = try await counted()
        return index.summary(range, headcount: headcount, excluding: excluded)
    }

    /// Events and users of one key of `dimension` per period of `range` (an entity's views over
    /// time), and how many distinct users it had over the whole range.
    public func series(_ dimension: TopDimension, key: String, range: DayRange, grouping: Grouping) async throws -> (periods: [TopItem], users: Int) {
        let (index, excluded) = try await counted()
        return index.series(dimension, key: key, range: range, grouping: grouping, excluding: excluded)
    }

    /// For each of `users`: on how many days of `range` they were active, and their last active day.
    public func activity(of users: [String], range: DayRange) async throws -> [String: (days: Int, last: Day)] {
        try await LiveActivity.of(database).current().activity(of: users, range: range)
    }

    /// The current index and the users it leaves out.
    private func counted() async throws -> (ActivityIndex, ActivityIndex.Exclusions) {
        let index = try await LiveActivity.of(database).current()
        let excluded = try await ExclusionStore(database: database).all()
        return (index, index.exclusions(Set(excluded.map(\.user))))
    }
}
