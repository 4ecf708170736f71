import FoyerCore
import Logging
import ServiceLifecycle

/// Loads the activity index when the server starts, then saves it every `interval` and once more on
/// graceful shutdown, so a restart replays only the events stored since.
struct ActivitySaver: Service {
    let database: Database
    let interval: Duration
    let logger: Logger

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                _ = try await LiveActivity.of(database).current()
                while !Task.isCancelled {
                    try await Task.sleep(for: interval)
                    await save()
                }
            }
        } catch is CancellationError {
            await save()
        } catch {
            logger.error("could not load the usage activity index", metadata: ["error": "\(error)"])
        }
    }

    private func save() async {
        do {
            try await LiveActivity.of(database).save()
        } catch {
            logger.error("could not save the usage activity index", metadata: ["error": "\(error)"])
        }
    }
}
