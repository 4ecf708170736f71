import EntityRules

/// One user's progress on one path.
public struct PathProgress: Sendable, Equatable {
    public struct Step: Sendable, Equatable {
        public let id: String
        public let done: Bool
        /// When the step was first seen done; nil while it is not done.
        public let completedAt: Int64?
    }

    public let path: String
    public let user: String
    public let steps: [Step]

    public var completed: Int { steps.filter(\.done).count }
    public var total: Int { steps.count }
    public var percent: Double? { Percent.of(completed, total) }
    /// The first step not done yet.
    public var nextStep: String? { steps.first { !$0.done }?.id }

    /// Progress from stored completions; `ownedDone` says whether an `ownedEntity` step holds now,
    /// since such a step is done only while an owned entity satisfies its rule.
    public init(path: LearningPath, user: String, completions: [StepCompletion], ownedDone: (LearningStep) -> Bool) {
        self.path = path.name
        self.user = user
        let byStep = Dictionary(completions.filter { $0.path == path.name }.map { ($0.step, $0) }, uniquingKeysWith: { first, _ in first })
        steps = path.steps.map { step in
            let record = byStep[step.id]
            let done: Bool
            if case .ownedEntity = step.completion { done = ownedDone(step) } else { done = record != nil }
            return Step(id: step.id, done: done, completedAt: done ? record?.completedAt : nil)
        }
    }
}

/// Per step, how many users completed it, and the median time from a user's first event to
/// finishing the whole path.
public struct PathStatistics: Sendable, Equatable {
    public struct Step: Sendable, Equatable {
        public let id: String
        public let completed: Int
    }

    public let path: String
    public let steps: [Step]
    /// Users who completed every step.
    public let finished: Int
    public let medianMillisToComplete: Int64?

    public init(path: LearningPath, completions: [StepCompletion], firstSeen: [String: Int64]) {
        self.path = path.name
        var byUser: [String: [String: Int64]] = [:]
        for completion in completions where completion.path == path.name {
            byUser[completion.user, default: [:]][completion.step] = completion.completedAt
        }
        steps = path.steps.map { step in Step(id: step.id, completed: byUser.values.filter { $0[step.id] != nil }.count) }
        let stepIDs = path.steps.map(\.id)
        var durations: [Int64] = []
        var finished = 0
        for (user, done) in byUser {
            let times = stepIDs.compactMap { done[$0] }
            guard times.count == stepIDs.count, let finishedAt = times.max() else { continue }
            finished += 1
            // A user with no stored event started at their first completion.
            let start = min(firstSeen[user] ?? times.min()!, times.min()!)
            durations.append(finishedAt - start)
        }
        self.finished = finished
        medianMillisToComplete = Self.median(durations)
    }

    static func median(_ values: [Int64]) -> Int64? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
