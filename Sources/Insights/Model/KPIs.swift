import FoyerCore

/// One period of the active-users series.
public struct ActivePeriod: Sendable, Equatable {
    public let period: Day
    public let activeUsers: Int
    public let newUsers: Int
    public var returningUsers: Int { activeUsers - newUsers }
}

/// The users whose first event fell in one ISO week, and how many of them were active each week since.
public struct Cohort: Sendable, Equatable {
    public let week: Day
    public let size: Int
    /// `retained[k]`: members active in week `week + k`; `retained[0] == size`.
    public let retained: [Int]
}

/// One key of a `top` dimension.
public struct TopItem: Sendable, Equatable {
    public let key: String
    public let events: Int
    public let users: Int
}

/// Totals over a range, and the ratios derived from them.
public struct Summary: Sendable, Equatable {
    public let range: DayRange
    public let activeUsers: Int
    /// Sum over the range's days of that day's active users.
    public let userDays: Int
    public let newUsers: Int
    public let events: Int
    public let headcount: Int

    /// Days without activity count as zero.
    public var averageDailyActiveUsers: Double { Double(userDays) / Double(range.dayCount) }

    public var stickiness: Double? { activeUsers == 0 ? nil : averageDailyActiveUsers / Double(activeUsers) }

    public var adoption: Double? { headcount == 0 ? nil : Double(activeUsers) / Double(headcount) }
}
