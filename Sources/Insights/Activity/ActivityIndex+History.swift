import FoyerCore

/// What people did, whenever it happened: first occurrences and plugin users, for learning steps and
/// surveys. Unlike the KPIs these ignore exclusions, and they outlive the raw events.
extension ActivityIndex {
    /// For each user (or only `user`): the earliest event with `action` whose subject equals
    /// `subject` byte for byte, or starts with it when `prefix` is true.
    func firstOccurrences(action: String, subject: String, prefix: Bool, user: String? = nil) -> [String: Int64] {
        guard let bySubject = subjects[ExactText(action)] else { return [:] }
        let matching: [FirstTimes]
        if prefix {
            matching = bySubject.filter { $0.key.text.utf8.starts(with: subject.utf8) }.map(\.value.firsts)
        } else {
            matching = bySubject[ExactText(subject)].map { [$0.firsts] } ?? []
        }
        var earliest: [UInt32: Int64] = [:]
        if let user {
            guard let number = number(of: user) else { return [:] }
            for firsts in matching { if let time = firsts.time(of: number) { earliest[number] = min(time, earliest[number] ?? .max) } }
        } else {
            for firsts in matching {
                for (index, number) in firsts.users.enumerated() { earliest[number] = min(firsts.times[index], earliest[number] ?? .max) }
            }
        }
        // Two refs the index keeps apart (canonically equivalent spellings) are one key of a Swift dictionary.
        return Dictionary(earliest.map { (refs[Int($0.key)], $0.value) }, uniquingKeysWith: min)
    }

    /// The users with an event whose `context.pluginId` is `plugin`, compared case-insensitively
    /// (or only `user`, if given).
    func users(ofPlugin plugin: String, user: String? = nil) -> Set<String> {
        let wanted = plugin.lowercased()
        let matching = (keys[.plugins] ?? [:]).filter { $0.key.text.lowercased() == wanted }.values
        if let user {
            // One lookup per day, stopping at the first: no union of everyone.
            guard let number = number(of: user) else { return [] }
            return matching.contains { $0.days.values.contains { $0.events(of: number) > 0 } } ? [user] : []
        }
        var bits = UserBits(capacity: userCount)
        for activity in matching {
            for bucket in activity.days.values { bits.formUnion(bucket) }
        }
        return Set(bits.members.map { refs[Int($0)] })
    }
}
