extension ActivityIndex {
    /// Buckets of a loaded snapshot that hold events past its `appliedSeq`, with the sequence number
    /// each holds events up to. A save reads each row from the live index as it is then, so rows may
    /// be ahead of the number the save raises the snapshot to; and a save cut short (or overtaken by
    /// another replica's) leaves its rows ahead of the number the snapshot is trusted to. Replaying
    /// the events after that number must not count those events in them twice.
    struct SavedAhead: Sendable {
        var days: [Int: Int64] = [:]
        var keyDays: [KeyDay: Int64] = [:]

        var isEmpty: Bool { days.isEmpty && keyDays.isEmpty }

        /// Whether the saved day bucket already counts the event numbered `seq`.
        func holds(day: Int, through seq: Int64) -> Bool { days[day].map { seq <= $0 } ?? false }

        /// Whether the saved key-day bucket already counts the event numbered `seq`.
        func holds(_ keyDay: KeyDay, through seq: Int64) -> Bool { keyDays[keyDay].map { seq <= $0 } ?? false }
    }
}
