import FoyerCore
import Logging
import ServiceLifecycle

/// Loads the activity index when the server starts, then saves it every `interval` and once more on
/// graceful shutdown, so a restart replays only the events stored since. A save still slows ingest
/// (it writes what changed, in short transactions between ingest's), so after a long one (a busy day
/// touches many buckets) the next waits twenty times as long (up to ten intervals): saving takes at
/// most about a twentieth of the time.
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
                var pause = interval
                while !Task.isCancelled {
                    try await Task.sleep(for: pause)
                    pause = Self.pause(after: await save(), interval: interval)
                }
            }
        } catch {
            _ = await save()
        }
    }

    /// How long to wait after a save that took `saving`: `interval`, or twenty times the save, but
    /// never more than ten intervals (a save that waited on a stalled database says little).
    static func pause(after saving: Duration, interval: Duration) -> Duration {
        min(max(interval, saving * 20), interval * 10)
    }

    /// Saves the index; returns how long that took.
    private func save() async -> Duration {
        let started = ContinuousClock.now
        do {
            let through = try await LiveActivity.of(database).save()
            logger.debug("saved the usage activity index", metadata: ["through": "\(through)", "duration": "\(started.duration(to: .now))"])
        } catch {
            logger.error("could not save the usage activity index", metadata: ["error": "\(error)"])
        }
        return started.duration(to: .now)
    }
}
