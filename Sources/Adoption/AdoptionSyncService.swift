import FoyerCore
import Insights
import Logging
import ServiceLifecycle

/// Keeps adoption current in the background: re-evaluates after catalog changes, saves today's
/// history point, and records learning steps completed by events and owned entities.
struct AdoptionSyncService: Service {
    let engine: AdoptionEngine
    let tracker: LearningTracker
    let history: AdoptionHistoryStore
    let leases: LeaseStore
    let interval: Duration
    let logger: Logger

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                // Soon after start, so a fresh server has a history point and progress at once.
                try await Task.sleep(for: .seconds(3))
                while !Task.isCancelled {
                    if try await leases.acquire("adoption-sync", for: interval * 2) {
                        do {
                            try await syncOnce(now: .now())
                        } catch is CancellationError {
                            return
                        } catch {
                            logger.error("adoption sync failed", metadata: ["error": "\(error)"])
                        }
                    }
                    try await Task.sleep(for: interval)
                }
            }
        } catch is CancellationError {
            return
        }
    }

    func syncOnce(now: EpochMillis) async throws {
        let state = try await engine.current()
        try await history.save(day: Day(epochMillis: now.value).number, rows: HistoryRows.rows(for: state))
        try await tracker.syncAll(now: now)
        logger.debug("adoption synced", metadata: ["entities": "\(state.snapshot.entityCount)", "evaluation_ms": "\(state.evaluation.milliseconds)"])
    }
}
