import FoyerCore

/// How KPIs are bucketed: by UTC day, ISO week (named by its Monday) or month (named by its first day).
public enum Grouping: String, Sendable, CaseIterable {
    case day, week, month

    /// Reads the `grouping` parameter (`fallback` when absent); anything else is a 400 naming it.
    public static func parse(_ text: String?, fallback: Grouping) throws(FoyerError) -> Grouping {
        guard let text else { return fallback }
        guard let grouping = Grouping(rawValue: text) else {
            throw .badRequest("query parameter 'grouping' must be day, week or month, not '\(text.prefix(40))'")
        }
        return grouping
    }

    /// The start of the period holding `day`.
    public func start(of day: Day) -> Day {
        switch self {
        case .day: day
        case .week: day.weekStart
        case .month: day.monthStart
        }
    }

    /// The start of the period after the one starting at `start`.
    public func next(after start: Day) -> Day {
        switch self {
        case .day: start + 1
        case .week: start + 7
        case .month: start.nextMonthStart
        }
    }

    /// Every period overlapping `range`, in order, as (start, last day).
    public func periods(overlapping range: DayRange) -> [(start: Day, end: Day)] {
        var periods: [(Day, Day)] = []
        var start = self.start(of: range.from)
        while start <= range.to {
            let next = next(after: start)
            periods.append((start, next + -1))
            start = next
        }
        return periods
    }
}

/// `from` and `to`, both inclusive, as the KPI endpoints take them.
public struct DayRange: Sendable, Equatable {
    public let from: Day
    public let to: Day

    /// The last day a range starting on `from` may end on: three calendar years, so
    /// 2023-01-01…2025-12-31 is allowed and 2023-01-01…2026-01-01 is over.
    public static func lastAllowedDay(from: Day) -> Day {
        let date = from.civil
        // 29 February plus three years has no twin: the range may run to the 28th.
        let day = date.month == 2 && date.day == 29 ? 28 : date.day
        return Day(year: date.year + 3, month: date.month, day: day) + (date.month == 2 && date.day == 29 ? 0 : -1)
    }

    public init(from: Day, to: Day) {
        self.from = from
        self.to = to
    }

    /// Reads `from` and `to`; a missing, malformed or inverted value is a 400 naming the parameter.
    public init(from fromText: String?, to toText: String?) throws(FoyerError) {
        guard let fromText else { throw .badRequest("query parameter 'from' is required (YYYY-MM-DD)") }
        guard let toText else { throw .badRequest("query parameter 'to' is required (YYYY-MM-DD)") }
        guard let from = Day(iso: fromText) else { throw .badRequest("query parameter 'from' must be a date YYYY-MM-DD, not '\(fromText.prefix(40))'") }
        guard let to = Day(iso: toText) else { throw .badRequest("query parameter 'to' must be a date YYYY-MM-DD, not '\(toText.prefix(40))'") }
        guard from <= to else { throw .badRequest("query parameter 'from' (\(from)) is after 'to' (\(to))") }
        guard to <= Self.lastAllowedDay(from: from) else { throw .badRequest("query parameters 'from' and 'to' span more than 3 years") }
        self.init(from: from, to: to)
    }

    public var dayCount: Int { to.number - from.number + 1 }

    public func contains(_ day: Day) -> Bool { from <= day && day <= to }
}
