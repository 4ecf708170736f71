extension ActivityIndex {
    /// What changed in an index since it was last saved, by number: the rows a save writes.
    struct Changes: Sendable {
        var users: Set<UInt32> = []
        var keys: Set<UInt32> = []
        var days: Set<Int> = []
        var keyDays: Set<KeyDay> = []
        var subjects: Set<UInt32> = []

        var isEmpty: Bool { users.isEmpty && keys.isEmpty && days.isEmpty && keyDays.isEmpty && subjects.isEmpty }

        mutating func formUnion(_ other: Changes) {
            users.formUnion(other.users)
            keys.formUnion(other.keys)
            days.formUnion(other.days)
            keyDays.formUnion(other.keyDays)
            subjects.formUnion(other.subjects)
        }
    }
}
