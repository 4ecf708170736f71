import FoyerCore

/// The KPIs of `specs/insights.md`, computed from the index with the excluded users left out.
extension ActivityIndex {
    /// Users left out of a KPI, as numbers (refs the index has never seen are dropped).
    struct Exclusions {
        let numbers: [UInt32]
        let bits: UserBits

        /// `bucket`'s events and users without the excluded users.
        func counted(_ bucket: UserCounts) -> (events: Int, users: Int) {
            var events = bucket.events, users = bucket.userCount
            for number in numbers {
                let excluded = bucket.events(of: number)
                if excluded > 0 {
                    events -= excluded
                    users -= 1
                }
            }
            return (events, users)
        }
    }

    func exclusions(_ refs: Set<String>) -> Exclusions {
        let numbers = refs.compactMap { number(of: $0) }
        var bits = UserBits(capacity: userCount)
        for number in numbers { bits.insert(number) }
        return Exclusions(numbers: numbers, bits: bits)
    }

    func firstDay(of user: UInt32) -> Int { Day(epochMillis: firstAt[Int(user)]).number }

    /// Active, new and returning users of every period overlapping `range`.
    func activeUsers(_ range: DayRange, grouping: Grouping, excluding excluded: Exclusions) -> [ActivePeriod] {
        grouping.periods(overlapping: range).map { period in
            let active = users(in: max(period.start, range.from).number...min(period.end, range.to).number, of: days, excluding: excluded)
            let whole = period.start.number...period.end.number
            let new = active.members.count { whole.contains(firstDay(of: $0)) }
            return ActivePeriod(period: period.start, activeUsers: active.count, newUsers: new)
        }
    }

    /// Weekly cohorts of first-time users for every week overlapping `range`, with how many came back each week until `to`.
    func retention(_ range: DayRange, excluding excluded: Exclusions) -> [Cohort] {
        let fromWeek = range.from.weekStart.number, toWeek = range.to.weekStart.number, to = range.to.number
        let weeks = stride(from: fromWeek, through: toWeek, by: 7).map { week in
            users(in: week...min(week + 6, to), of: days, excluding: excluded)
        }
        var members: [Int: [UInt32]] = [:]
        for user in refs.indices.map(UInt32.init) where !excluded.bits.contains(user) {
            let first = firstDay(of: user)
            let week = Day(first).weekStart.number
            if first <= to, week >= fromWeek, week <= toWeek { members[week, default: []].append(user) }
        }
        return members.keys.sorted().compactMap { week in
            let cohort = members[week]!
            let retained = weeks[((week - fromWeek) / 7)...].map { active in cohort.count { active.contains($0) } }
            guard let size = retained.first, size > 0 else { return nil }
            return Cohort(week: Day(week), size: size, retained: retained)
        }
    }

    /// The keys of `dimension` with the most events in `range` (then by key), with their distinct users.
    func top(_ dimension: TopDimension, range: DayRange, limit: Int, excluding excluded: Exclusions) -> [TopItem] {
        guard let byKey = keys[dimension] else { return [] }
        let span = range.from.number...range.to.number
        var ranked: [(key: ExactText, events: Int)] = []
        for (key, activity) in byKey {
            let buckets = activity.days
            var events = 0
            Self.forEach(in: span, of: buckets) { _, bucket in events += excluded.counted(bucket).events }
            if events > 0 { ranked.append((key, events)) }
        }
        ranked.sort { $0.events != $1.events ? $0.events > $1.events : $0.key < $1.key }
        return ranked.prefix(max(0, limit)).map { entry in
            TopItem(key: entry.key.text, events: entry.events, users: users(in: span, of: byKey[entry.key]!.days, excluding: excluded).count)
        }
    }

    /// Totals over the whole range.
    func summary(_ range: DayRange, headcount: Int, excluding excluded: Exclusions) -> Summary {
        let span = range.from.number...range.to.number
        var userDays = 0, events = 0
        Self.forEach(in: span, of: days) { _, bucket in
            let counted = excluded.counted(bucket)
            userDays += counted.users
            events += counted.events
        }
        let newUsers = refs.indices.count { !excluded.bits.contains(UInt32($0)) && span.contains(firstDay(of: UInt32($0))) }
        return Summary(range: range, activeUsers: users(in: span, of: days, excluding: excluded).count, userDays: userDays,
                       newUsers: newUsers, events: events, headcount: headcount)
    }

    /// Events and users of one key per period of `range`, and its distinct users over the whole range.
    func series(_ dimension: TopDimension, key: String, range: DayRange, grouping: Grouping,
                excluding excluded: Exclusions) -> (periods: [TopItem], users: Int) {
        let buckets = keys[dimension]?[ExactText(key)]?.days ?? [:]
        let periods = grouping.periods(overlapping: range).map { period in
            let span = max(period.start, range.from).number...min(period.end, range.to).number
            var events = 0
            Self.forEach(in: span, of: buckets) { _, bucket in events += excluded.counted(bucket).events }
            return TopItem(key: period.start.description, events: events, users: users(in: span, of: buckets, excluding: excluded).count)
        }
        return (periods, users(in: range.from.number...range.to.number, of: buckets, excluding: excluded).count)
    }

    /// For each of `users` seen in `range`: on how many days they were active, and their last active day.
    func activity(of users: [String], range: DayRange) -> [String: (days: Int, last: Day)] {
        var result: [String: (days: Int, last: Day)] = [:]
        let numbered = users.compactMap { user in number(of: user).map { (user, $0) } }
        Self.forEach(in: range.from.number...range.to.number, of: days) { day, bucket in
            for (user, number) in numbered where bucket.events(of: number) > 0 {
                let seen = result[user]
                result[user] = ((seen?.days ?? 0) + 1, max(seen?.last ?? Day(day), Day(day)))
            }
        }
        return result
    }

    /// The refs of everyone with an event on the days `span` (excluded users included).
    func activeRefs(_ span: ClosedRange<Int>) -> Set<String> {
        Set(users(in: span, of: days, excluding: exclusions([])).members.map { refs[Int($0)] })
    }

    /// When each of `users` had their first event; users never seen are absent.
    func firstSeen(_ users: [String]) -> [String: Int64] {
        var result: [String: Int64] = [:]
        for user in users { if let number = number(of: user) { result[user] = firstAt[Int(number)] } }
        return result
    }

    /// The distinct users of the buckets in `span`, without the excluded ones.
    private func users(in span: ClosedRange<Int>, of buckets: [Int: UserCounts], excluding excluded: Exclusions) -> UserBits {
        var bits = UserBits(capacity: userCount)
        Self.forEach(in: span, of: buckets) { _, bucket in bits.formUnion(bucket) }
        bits.subtract(excluded.bits)
        return bits
    }

    /// Visits the buckets whose day lies in `span`, walking whichever of the two is smaller.
    private static func forEach(in span: ClosedRange<Int>, of buckets: [Int: UserCounts], _ body: (Int, UserCounts) -> Void) {
        if span.count <= buckets.count {
            for day in span { if let bucket = buckets[day] { body(day, bucket) } }
        } else {
            for (day, bucket) in buckets where span.contains(day) { body(day, bucket) }
        }
    }
}
