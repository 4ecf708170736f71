import FoyerCore
import Insights
import Logging

/// Keeps adoption current in the background: re-evaluates after catalog changes, saves today's
/// history point, and records learning steps completed by events and owned entities.
struct AdoptionSync: Sendable {
    let engine: AdoptionEngine
    let tracker: LearningTracker
    let history: AdoptionHistoryStore
    let logger: Logger

    /// One pass; failures are logged, and the next pass tries again.
    func run(now: EpochMillis) async {
        do {
            let state = try await engine.current()
            try await history.save(day: Day(epochMillis: now.value).number, rows: HistoryRows.rows(for: state))
            try await tracker.syncAll(now: now)
        } catch is CancellationError {
            return
        } catch {
            logger.error("adoption sync failed", metadata: ["error": "\(error)"])
        }
    }
}
