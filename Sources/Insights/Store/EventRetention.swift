import FoyerCore
import Logging

/// Deletes raw events past the retention window (the rollups stay); run daily as a leased job.
struct EventRetention: Sendable {
    let store: EventStore
    let days: Int
    let logger: Logger

    func sweep(now: Int64) async {
        do {
            let deleted = try await store.deleteRaw(before: now - Int64(days) * 86_400_000)
            if deleted > 0 { logger.info("deleted raw usage events past the retention window", metadata: ["events": "\(deleted)", "days": "\(days)"]) }
        } catch {
            logger.error("could not delete old usage events", metadata: ["error": "\(error)"])
        }
    }
}
