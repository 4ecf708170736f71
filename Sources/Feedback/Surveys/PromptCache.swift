import Synchronization

/// Each person's survey prompt for a few minutes: page views ask for it far more often than it changes.
/// One cache for the process, so a response through the API or a page clears it for both.
final class PromptCache: Sendable {
    static let shared = PromptCache()

    private static let lifetime: Int64 = 5 * 60_000
    private static let capacity = 10_000
    private let entries = Mutex<[String: (at: Int64, survey: Survey?)]>([:])

    /// The cached prompt (which may be "none"), or nil when there is no fresh one.
    func value(for person: String, at now: Int64) -> Survey?? {
        entries.withLock { entries in
            guard let entry = entries[person], now - entry.at < Self.lifetime, now >= entry.at else { return nil }
            return .some(entry.survey)
        }
    }

    func store(_ survey: Survey?, for person: String, at now: Int64) {
        entries.withLock { entries in
            // Bounded: when full, drop what has expired, and everything if that is not enough.
            if entries.count >= Self.capacity {
                entries = entries.filter { now - $0.value.at < Self.lifetime }
                if entries.count >= Self.capacity { entries = [:] }
            }
            entries[person] = (now, survey)
        }
    }

    func forget(_ person: String) {
        _ = entries.withLock { $0.removeValue(forKey: person) }
    }
}
