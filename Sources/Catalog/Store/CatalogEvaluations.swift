import Synchronization

/// Whole-catalog evaluations (adoption, scorecards) computed once per catalog version and shared:
/// concurrent callers for the same version wait for one evaluation; a failure is not kept.
public final class CatalogEvaluations<State: Sendable>: Sendable {
    /// The latest evaluation per database (keyed by its catalog instance), finished or running.
    private let latest = Mutex<[Int64: (stamp: CatalogStamp, task: Task<State, any Error>)]>([:])

    public init() {}

    public func state(for stamp: CatalogStamp, evaluate: @escaping @Sendable () async throws -> State) async throws -> State {
        let task = latest.withLock { latest -> Task<State, any Error> in
            if let existing = latest[stamp.instance], existing.stamp == stamp { return existing.task }
            let task = Task { try await evaluate() }
            latest[stamp.instance] = (stamp, task)
            return task
        }
        do {
            return try await task.value
        } catch {
            latest.withLock { latest in
                if latest[stamp.instance]?.stamp == stamp { latest[stamp.instance] = nil }
            }
            throw error
        }
    }
}
