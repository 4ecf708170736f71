import Synchronization

/// Whole-catalog evaluations (adoption, scorecards) computed once per catalog version and shared:
/// concurrent callers for the same version wait for one evaluation; a failure is not kept, and an
/// evaluation of a version the catalog has moved past is cancelled, its callers given the newer one.
public final class CatalogEvaluations<State: Sendable>: Sendable {
    /// The latest evaluation per database (keyed by its catalog instance), finished or running.
    private let latest = Mutex<[Int64: (stamp: CatalogStamp, task: Task<State, any Error>)]>([:])

    public init() {}

    public func state(for stamp: CatalogStamp, evaluate: @escaping @Sendable () async throws -> State) async throws -> State {
        let task = latest.withLock { latest -> Task<State, any Error> in
            if let existing = latest[stamp.instance] {
                // An older caller must not replace the evaluation of a newer version.
                if existing.stamp.version >= stamp.version { return existing.task }
                existing.task.cancel()
            }
            let task = Task { try await evaluate() }
            latest[stamp.instance] = (stamp, task)
            return task
        }
        do {
            return try await task.value
        } catch {
            let newer = latest.withLock { latest -> Task<State, any Error>? in
                guard let current = latest[stamp.instance] else { return nil }
                if current.stamp == stamp { latest[stamp.instance] = nil; return nil }
                return current.task
            }
            // Superseded while it ran: answer with the newer version's evaluation.
            if let newer, error is CancellationError { return try await newer.value }
            throw error
        }
    }
}
