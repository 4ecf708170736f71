import FoyerCore
import Logging
import ServiceLifecycle

/// Deletes raw events past the retention window once a day (the rollups stay); with several
/// replicas only the lease holder does.
struct EventRetentionService: Service {
    let store: EventStore
    let leases: LeaseStore
    let days: Int
    let logger: Logger
    var interval: Duration = .seconds(86_400)
    /// The first sweep waits until the server is well up (and never runs when it fails to start).
    var firstDelay: Duration = .seconds(60)

    /// Returns normally on graceful shutdown, so the server exits 0.
    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                try await Task.sleep(for: firstDelay)
                while !Task.isCancelled {
                    if try await leases.acquire("insights-retention", for: interval) {
                        await sweep(now: EpochMillis.now().value)
                    }
                    try await Task.sleep(for: interval)
                }
            }
        } catch is CancellationError {
            return
        }
    }

    func sweep(now: Int64) async {
        do {
            let deleted = try await store.deleteRaw(before: now - Int64(days) * 86_400_000)
            if deleted > 0 { logger.info("deleted raw usage events past the retention window", metadata: ["events": "\(deleted)", "days": "\(days)"]) }
        } catch {
            logger.error("could not delete old usage events", metadata: ["error": "\(error)"])
        }
    }
}
