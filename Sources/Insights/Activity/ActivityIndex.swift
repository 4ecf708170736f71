import FoyerCore

/// Who did what on which day, in memory: every KPI is answered from here. It holds per-day users and
/// per-key-per-day users with their event counts, and each user's first event; it grows as events are
/// applied in stored order (`appliedSeq`) and remembers what changed since it was last saved.
struct ActivityIndex: Sendable {
    /// Something counted under a number of its own: a key or a subject.
    protocol NumberedActivity { var number: UInt32 { get } }

    /// One key of a `top` dimension, with its number and its users per day.
    struct KeyActivity: Sendable, NumberedActivity {
        let number: UInt32
        var days: [Int: UserCounts] = [:]
    }

    /// One action on one exact subject, with its number and who did it first when.
    struct SubjectActivity: Sendable, NumberedActivity {
        let number: UInt32
        var firsts = FirstTimes()
    }

    /// A key's bucket on one day, by the key's number.
    struct KeyDay: Hashable, Sendable {
        let key: UInt32
        let day: Int

        init(key: UInt32, day: Int) {
            self.key = key
            self.day = day
        }

        /// The number it is stored under: the key above the day's 20 bits (events are from 2000 on,
        /// day 10,957, and never far ahead: days stay far below 2^20), so they sort by key, then day.
        var stored: Int64 { Int64(key) * Self.keyUnit + Int64(day) }

        init(stored: Int64) { self.init(key: UInt32(truncatingIfNeeded: stored / Self.keyUnit), day: Int(stored % Self.keyUnit)) }

        /// What one step of the key adds to the stored number.
        static let keyUnit: Int64 = 1 << 20
    }

    private(set) var userNumbers: [ExactText: UInt32] = [:]
    /// User refs by number.
    private(set) var refs: [String] = []
    /// Each user's first event ever (epoch milliseconds), by number.
    private(set) var firstAt: [Int64] = []
    private(set) var days: [Int: UserCounts] = [:]
    private(set) var keys: [TopDimension: [ExactText: KeyActivity]] = [:]
    /// Dimension and key by key number.
    private(set) var keyNames: [(dimension: TopDimension, key: ExactText)] = []
    /// By action, then subject: who did it first when (learning steps and surveys ask this).
    private(set) var subjects: [ExactText: [ExactText: SubjectActivity]] = [:]
    /// Action and subject by subject number.
    private(set) var subjectNames: [(action: ExactText, subject: ExactText)] = []
    /// The sequence number of the last stored event applied.
    var appliedSeq: Int64 = 0

    /// What changed since the last save.
    private(set) var changes = Changes()

    init() {}

    var userCount: Int { refs.count }

    func number(of user: String) -> UInt32? { userNumbers[ExactText(user)] }

    /// Counts `event` in every bucket it belongs to.
    mutating func apply(_ event: UsageEvent) { apply(event, unlessSaved: nil) }

    /// Counts `event`, stored as number `seq`, in every bucket it belongs to that `saved` does not
    /// already hold it in: replaying events onto a snapshot whose save was cut short or overtaken.
    mutating func apply(_ event: UsageEvent, seq: Int64, unlessIn saved: SavedAhead) {
        apply(event, unlessSaved: saved.isEmpty ? nil : (saved, seq))
    }

    private mutating func apply(_ event: UsageEvent, unlessSaved saved: (buckets: SavedAhead, seq: Int64)?) {
        let user = userNumber(event.user, firstAt: event.timestamp)
        let day = event.day.number
        if saved.map({ !$0.buckets.holds(day: day, through: $0.seq) }) ?? true { add(user, events: 1, day: day) }
        recordFirst(user, action: event.action, subject: event.subject, at: event.timestamp)
        for (dimension, key) in TopDimension.keys(for: event) {
            // Up to 2,048 bytes are at most 2,048 characters: only longer keys are cut (and copied).
            add(user, events: 1, day: day, dimension: dimension, key: key.utf8.count <= 2048 ? key : String(key.prefix(2048)), unlessSaved: saved)
        }
    }

    private mutating func add(_ user: UInt32, events: Int, day: Int) {
        days[day, default: UserCounts()].add(user, events: events)
        changes.days.insert(day)
    }

    private mutating func add(_ user: UInt32, events: Int, day: Int, dimension: TopDimension, key: String,
                              unlessSaved saved: (buckets: SavedAhead, seq: Int64)? = nil) {
        let exact = ExactText(key)
        let next = UInt32(keyNames.count)
        // One lookup of the key: its activity is changed where it is stored.
        let (number, counted) = Self.withActivity(of: exact, in: &keys[dimension, default: [:]], numberingNew: next, as: { KeyActivity(number: $0) }) {
            if let saved, saved.buckets.holds(KeyDay(key: $0.number, day: day), through: saved.seq) { return false }
            $0.days[day, default: UserCounts()].add(user, events: events)
            return true
        }
        if number == next {
            keyNames.append((dimension, exact))
            changes.keys.insert(number)
        }
        if counted { changes.keyDays.insert(KeyDay(key: number, day: day)) }
    }

    private mutating func recordFirst(_ user: UInt32, action: String, subject: String, at time: Int64) {
        let action = ExactText(action), subject = ExactText(subject)
        let next = UInt32(subjectNames.count)
        let (number, changed) = Self.withActivity(of: subject, in: &subjects[action, default: [:]], numberingNew: next, as: { SubjectActivity(number: $0) }) {
            $0.firsts.record(user, at: time)
        }
        if number == next { subjectNames.append((action, subject)) }
        if changed { changes.subjects.insert(number) }
    }

    /// Calls `change` on the activity of `key` in `activities`, first adding one numbered `next`
    /// when absent; returns the activity's number and what `change` returned.
    private static func withActivity<Activity: NumberedActivity>(
        of key: ExactText, in activities: inout [ExactText: Activity], numberingNew next: UInt32, as make: (UInt32) -> Activity,
        _ change: (inout Activity) -> Bool
    ) -> (number: UInt32, changed: Bool) {
        if let index = activities.index(forKey: key) {
            return (activities.values[index].number, change(&activities.values[index]))
        }
        var activity = make(next)
        let changed = change(&activity)
        activities[key] = activity
        return (next, changed)
    }

    /// `user`'s number, numbering a new user; moves its first event back to `firstAt` when earlier.
    private mutating func userNumber(_ user: String, firstAt time: Int64) -> UInt32 {
        let exact = ExactText(user)
        if let number = userNumbers[exact] {
            if time < firstAt[Int(number)] {
                firstAt[Int(number)] = time
                changes.users.insert(number)
            }
            return number
        }
        let number = UInt32(refs.count)
        userNumbers[exact] = number
        refs.append(user)
        firstAt.append(time)
        changes.users.insert(number)
        return number
    }

    /// Forgets what changed, once it is saved.
    mutating func markSaved() { changes = Changes() }

    /// What changed since the last save, which the index then forgets: the caller saves it, or
    /// gives it back with `restore` when that fails.
    mutating func takeChanges() -> Changes {
        defer { changes = Changes() }
        return changes
    }

    mutating func restore(_ unsaved: Changes) { changes.formUnion(unsaved) }

    func bucket(_ keyDay: KeyDay) -> UserCounts? {
        let name = keyNames[Int(keyDay.key)]
        return keys[name.dimension]?[name.key]?.days[keyDay.day]
    }
}

extension ActivityIndex {
    /// Restores a saved user under its number (saved numbers are dense, from 0).
    mutating func restoreUser(number: UInt32, ref: String, firstAt time: Int64) {
        while refs.count <= Int(number) {
            refs.append("")
            firstAt.append(.max)
        }
        refs[Int(number)] = ref
        firstAt[Int(number)] = time
        userNumbers[ExactText(ref)] = number
    }

    /// Restores a saved key under its number (saved numbers are dense, from 0).
    mutating func restoreKey(number: UInt32, dimension: TopDimension, key: String) {
        while keyNames.count <= Int(number) { keyNames.append((.actions, ExactText(""))) }
        keyNames[Int(number)] = (dimension, ExactText(key))
        keys[dimension, default: [:]][ExactText(key)] = KeyActivity(number: number)
    }

    mutating func restoreDay(_ day: Int, _ users: UserCounts) { days[day] = users }

    /// Restores a key-day of a key restored before; false when the key is unknown.
    mutating func restoreKeyDay(_ keyDay: KeyDay, _ users: UserCounts) -> Bool {
        guard Int(keyDay.key) < keyNames.count else { return false }
        let name = keyNames[Int(keyDay.key)]
        keys[name.dimension]?[name.key]?.days[keyDay.day] = users
        return true
    }

    /// Restores a saved subject under its number (saved numbers are dense, from 0).
    mutating func restoreSubject(number: UInt32, action: String, subject: String, firsts: FirstTimes) {
        while subjectNames.count <= Int(number) { subjectNames.append((ExactText(""), ExactText(""))) }
        subjectNames[Int(number)] = (ExactText(action), ExactText(subject))
        subjects[ExactText(action), default: [:]][ExactText(subject)] = SubjectActivity(number: number, firsts: firsts)
    }

    /// Adds a first event of a user the index already numbers (events stored before subjects were
    /// indexed); false when the user is unknown.
    mutating func addFirst(user: String, action: String, subject: String, at time: Int64) -> Bool {
        guard let number = userNumbers[ExactText(user)] else { return false }
        recordFirst(number, action: action, subject: subject, at: time)
        return true
    }

    /// Adds the rows of the first rollup format (users; per user and day; per key, user and day).
    mutating func addLegacy(user: String, firstAt time: Int64) { _ = userNumber(user, firstAt: time) }

    mutating func addLegacy(user: String, day: Int, events: Int) {
        add(legacyNumber(user, day: day), events: events, day: day)
    }

    mutating func addLegacy(dimension: TopDimension, key: String, user: String, day: Int, events: Int) {
        add(legacyNumber(user, day: day), events: events, day: day, dimension: dimension, key: key)
    }

    /// A user the old users table numbered keeps its exact first event.
    private mutating func legacyNumber(_ user: String, day: Int) -> UInt32 {
        userNumbers[ExactText(user)] ?? userNumber(user, firstAt: Day(day).epochMillis)
    }
}
