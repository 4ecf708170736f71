import Foundation

/// KPIs computed the plain way, straight from a list of raw events with Foundation's ISO calendar:
/// the independent answer the stores' rollups are checked against. Shares no code with Insights.
struct KPIOracle {
    struct Event {
        let id: String
        let user: String
        let action: String
        let subject: String
        let value: Double?
        let entityRef: String?
        let pluginId: String?
        let time: Date
    }

    /// Every stored event, first occurrence of each id only.
    let events: [Event]
    let calendar: Calendar = {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    init(_ all: [Event]) {
        var seen = Set<String>()
        events = all.filter { seen.insert($0.id).inserted }
    }

    func date(_ text: String) -> Date {
        let parts = text.split(separator: "-").map { Int($0)! }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))!
    }

    func text(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    func periodStart(_ date: Date, _ grouping: String) -> Date {
        switch grouping {
        case "week": calendar.dateInterval(of: .weekOfYear, for: date)!.start
        case "month": calendar.dateInterval(of: .month, for: date)!.start
        default: calendar.startOfDay(for: date)
        }
    }

    func nextPeriod(_ start: Date, _ grouping: String) -> Date {
        switch grouping {
        case "week": calendar.date(byAdding: .day, value: 7, to: start)!
        case "month": calendar.date(byAdding: .month, value: 1, to: start)!
        default: calendar.date(byAdding: .day, value: 1, to: start)!
        }
    }

    var firstSeen: [String: Date] {
        var first: [String: Date] = [:]
        for event in events { first[event.user] = min(first[event.user] ?? .distantFuture, event.time) }
        return first
    }

    /// `[period, active, new, returning]` rows.
    func activeUsers(from: String, to: String, grouping: String) -> [[String]] {
        let lower = date(from), upper = calendar.date(byAdding: .day, value: 1, to: date(to))!
        let first = firstSeen
        var rows: [[String]] = []
        var start = periodStart(lower, grouping)
        while start < upper {
            let end = nextPeriod(start, grouping)
            let active = Set(events.filter { $0.time >= max(start, lower) && $0.time < min(end, upper) }.map(\.user))
            let new = active.filter { first[$0]! >= start && first[$0]! < end }
            rows.append([text(start), "\(active.count)", "\(new.count)", "\(active.count - new.count)"])
            start = end
        }
        return rows
    }

    /// `(week, size, retained)` per non-empty cohort.
    func retention(from: String, to: String) -> [(String, Int, [Int])] {
        let upper = calendar.date(byAdding: .day, value: 1, to: date(to))!
        let first = firstSeen
        var cohorts: [(String, Int, [Int])] = []
        var week = periodStart(date(from), "week")
        while week < upper {
            let weekEnd = nextPeriod(week, "week")
            let members = Set(first.filter { $0.value >= week && $0.value < weekEnd && $0.value < upper }.keys)
            if !members.isEmpty {
                var retained: [Int] = []
                var start = week
                while start < upper {
                    let end = nextPeriod(start, "week")
                    retained.append(Set(events.filter { members.contains($0.user) && $0.time >= start && $0.time < min(end, upper) }.map(\.user)).count)
                    start = end
                }
                cohorts.append((text(week), members.count, retained))
            }
            week = weekEnd
        }
        return cohorts
    }

    /// `[key, events, users]` rows of one dimension, ordered as the spec says.
    func top(_ dimension: String, from: String, to: String, limit: Int) -> [[String]] {
        let lower = date(from), upper = calendar.date(byAdding: .day, value: 1, to: date(to))!
        var counts: [String: (events: Int, users: Set<String>)] = [:]
        for event in events where event.time >= lower && event.time < upper {
            let key: String?
            switch dimension {
            case "pages": key = event.action == "navigate" ? String(event.subject.split(separator: "?", omittingEmptySubsequences: false)[0].split(separator: "#", omittingEmptySubsequences: false)[0]) : nil
            case "plugins": key = event.pluginId
            case "entities": key = event.entityRef?.lowercased()
            case "templates": key = event.action == "create" ? event.entityRef?.lowercased() : nil
            case "searches": key = event.action == "search" ? event.subject.trimmingCharacters(in: .whitespaces).lowercased() : nil
            case "zero-result-searches": key = event.action == "search" && event.value == 0 ? event.subject.trimmingCharacters(in: .whitespaces).lowercased() : nil
            default: key = event.action
            }
            guard let key else { continue }
            counts[key, default: (0, [])].events += 1
            counts[key]!.users.insert(event.user)
        }
        return counts.sorted { ($0.value.events, $1.key) > ($1.value.events, $0.key) }.prefix(limit).map { [$0.key, "\($0.value.events)", "\($0.value.users.count)"] }
    }

    /// active, average DAU, stickiness, new, events.
    func summary(from: String, to: String) -> (Int, Double, Double?, Int, Int) {
        let lower = date(from), upper = calendar.date(byAdding: .day, value: 1, to: date(to))!
        let inRange = events.filter { $0.time >= lower && $0.time < upper }
        let active = Set(inRange.map(\.user)).count
        var days = 0, dailyTotal = 0
        var day = lower
        while day < upper {
            let next = calendar.date(byAdding: .day, value: 1, to: day)!
            dailyTotal += Set(inRange.filter { $0.time >= day && $0.time < next }.map(\.user)).count
            days += 1
            day = next
        }
        let average = Double(dailyTotal) / Double(days)
        let new = firstSeen.filter { $0.value >= lower && $0.value < upper }.count
        return (active, average, active == 0 ? nil : average / Double(active), new, inRange.count)
    }
}
