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
                // A failed load (say, the database briefly away) is tried again; KPI requests load it too.
                while !Task.isCancelled {
                    do {
                        _ = try await LiveActivity.of(database).current()
                        break
                    } catch is CancellationError {
                        throw CancellationError()
                    } catch {
                        logger.error("could not load the usage activity index", metadata: ["error": "\(error)"])
                        try await Task.sleep(for: interval)
                    }
                }
                while !Task.isCancelled {
                    try await Task.sleep(for: interval)
                    await save()
                }
            }
        } catch {
            await save()
        }
    }

    private func save() async {
        do {
            let started = ContinuousClock.now
            let through = try await LiveActivity.of(database).save()
            let elapsed = started.duration(to: .now)
            logger.debug("saved the usage activity index", metadata: ["through": "\(through)", "ms": "\(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)"])
        } catch {
            logger.error("could not save the usage activity index", metadata: ["error": "\(error)"])
        }
    }
}
