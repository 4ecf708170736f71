import Catalog
import FoyerCore
import Insights

/// Keeps learning progress current: steps completed by events and owned entities are recorded as
/// they are seen, manual steps when checked off.
public struct LearningTracker: Sendable {
    public let engine: AdoptionEngine
    public let store: LearningStore
    public let history: EventHistory
    /// Account creation also starts a user's time as new.
    public let accounts: AccountStore
    /// How long after their first event (or account creation) a user counts as new (`adoptionNewUserDays`).
    public let newUserDays: Int

    public init(engine: AdoptionEngine, store: LearningStore, history: EventHistory, accounts: AccountStore, newUserDays: Int) {
        self.engine = engine
        self.store = store
        self.history = history
        self.accounts = accounts
        self.newUserDays = newUserDays
    }

    /// `user`'s progress on `pathName`, recording what has completed since last asked.
    public func progress(user: EntityRef, path pathName: String, now: EpochMillis = .now()) async throws -> PathProgress {
        let state = try await engine.current()
        guard let path = state.path(pathName) else { throw FoyerError.notFound("no learning path named '\(pathName)'") }
        let completions = try await record(path: path, user: user, state: state, now: now)
        return PathProgress(path: path, user: user.description, completions: completions) { step in
            state.owned.isDone(path: path.name, step: step.id, user: user)
        }
    }

    /// Checks off a manual step; any other kind of step completes itself, so asking is a conflict.
    public func checkOff(user: EntityRef, path pathName: String, step stepID: String, now: EpochMillis = .now()) async throws -> PathProgress {
        let state = try await engine.current()
        guard let path = state.path(pathName) else { throw FoyerError.notFound("no learning path named '\(pathName)'") }
        guard let step = path.step(stepID) else { throw FoyerError.notFound("learning path '\(path.name)' has no step '\(stepID)'") }
        guard step.completion == .manual else {
            throw FoyerError(.conflict, "step '\(step.id)' of '\(path.name)' completes itself (\(step.completionKind)); only manual steps are checked off")
        }
        try await store.record([StepCompletion(user: user.description, path: path.name, step: step.id, how: "manual", completedAt: now.value)])
        return try await progress(user: user, path: path.name, now: now)
    }

    /// Records every user's completions of every path (the background sync).
    public func syncAll(now: EpochMillis = .now()) async throws {
        let state = try await engine.current()
        for path in state.paths { try await record(path: path, user: nil, state: state, now: now) }
    }

    /// Records completions of `path` for `user` (nil: everyone) that are not stored yet, and returns
    /// the completions as stored afterwards.
    @discardableResult
    func record(path: LearningPath, user: EntityRef?, state: AdoptionState, now: EpochMillis) async throws -> [StepCompletion] {
        var found: [StepCompletion] = []
        for step in path.steps {
            switch step.completion {
            case .event(let action, let subject):
                let firsts = try await history.firstOccurrences(action: action, subject: subject.prefix ?? subject.text,
                                                                prefix: subject.prefix != nil, user: user?.description)
                found += firsts.map { StepCompletion(user: $0.key, path: path.name, step: step.id, how: "event", completedAt: $0.value) }
            case .ownedEntity:
                let done = user.map { state.owned.isDone(path: path.name, step: step.id, user: $0) ? [$0] : [] }
                    ?? Array(state.owned.users(path: path.name, step: step.id))
                found += done.map { StepCompletion(user: $0.description, path: path.name, step: step.id, how: "ownedEntity", completedAt: now.value) }
            case .manual:
                continue
            }
        }
        // Write only what is new or earlier than what is stored: most reads find nothing to record.
        let stored: [StepCompletion]
        if let user { stored = try await store.completions(user: user.description, path: path.name) } else { stored = try await store.completions(path: path.name) }
        var merged = Dictionary(stored.map { ("\($0.user) \($0.step)", $0) }, uniquingKeysWith: { $0.completedAt <= $1.completedAt ? $0 : $1 })
        let fresh = found.filter { completion in merged["\(completion.user) \(completion.step)"].map { completion.completedAt < $0.completedAt } ?? true }
        if !fresh.isEmpty { try await store.record(fresh) }
        for completion in fresh { merged["\(completion.user) \(completion.step)"] = completion }
        return Array(merged.values)
    }

    /// Which of `users` are new: their first stored event, or their account's creation, whichever
    /// came first, lies within the last `newUserDays`.
    public func newUsers(among users: [EntityRef], now: EpochMillis = .now()) async throws -> Set<EntityRef> {
        let starts = try await history.starts(of: users.map(\.description), accounts: accounts)
        return Set(users.filter { user in starts[user.description].map { $0 >= newSince(now) } ?? false })
    }

    private func newSince(_ now: EpochMillis) -> Int64 { now.value - Int64(newUserDays) * 86_400_000 }

    /// Per-step completion counts and median time to finish `pathName`, recording what has
    /// completed since the last sync first.
    public func statistics(path pathName: String, now: EpochMillis = .now()) async throws -> PathStatistics {
        let state = try await engine.current()
        guard let path = state.path(pathName) else { throw FoyerError.notFound("no learning path named '\(pathName)'") }
        let completions = try await record(path: path, user: nil, state: state, now: now)
        let firstSeen = try await history.firstSeen(Array(Set(completions.map(\.user))))
        return PathStatistics(path: path, completions: completions, firstSeen: firstSeen)
    }
}

extension LearningStep {
    /// `event`, `ownedEntity` or `manual`, as descriptors spell it.
    public var completionKind: String {
        switch completion {
        case .event: "event"
        case .ownedEntity: "ownedEntity"
        case .manual: "manual"
        }
    }
}
