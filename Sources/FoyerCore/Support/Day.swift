/// A UTC calendar date as a whole number of days since 1970-01-01: how events are bucketed and
/// periods computed, with no calendar object (portable, thread-safe, and cheap to store).
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let number: Int

    public init(_ number: Int) { self.number = number }

    /// The UTC date of an instant given in epoch milliseconds.
    public init(epochMillis: Int64) {
        number = Int((epochMillis >= 0 ? epochMillis : epochMillis - 86_399_999) / 86_400_000)
    }

    public init(year: Int, month: Int, day: Int) {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        number = era * 146_097 + dayOfEra - 719_468
    }

    /// Year, month and day of month (civil_from_days).
    public var civil: (year: Int, month: Int, day: Int) {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The Monday of this date's ISO week (1970-01-01 was a Thursday).
    public var weekStart: Day { Day(number - ((number % 7 + 7 + 3) % 7)) }

    /// The first day of this date's month.
    public var monthStart: Day {
        let date = civil
        return Day(year: date.year, month: date.month, day: 1)
    }

    /// The first day of the next month.
    public var nextMonthStart: Day {
        let date = civil
        return date.month == 12 ? Day(year: date.year + 1, month: 1, day: 1) : Day(year: date.year, month: date.month + 1, day: 1)
    }

    public var epochMillis: Int64 { Int64(number) * 86_400_000 }

    /// `YYYY-MM-DD`.
    public var description: String {
        let date = civil
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))"
    }

    /// Parses `YYYY-MM-DD` strictly (real dates only); nil otherwise.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        self.init(year: year, month: month, day: day)
        guard civil == (year, month, day) else { return nil }
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.number < rhs.number }

    public static func + (lhs: Day, rhs: Int) -> Day { Day(lhs.number + rhs) }
}
