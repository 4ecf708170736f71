import Synchronization

/// Answers computed over the whole catalog, kept by a key naming everything they depend on;
/// bounded, so keys that never come back cannot pile up.
final class AnswerCache<Value: Sendable>: Sendable {
    private let capacity: Int
    private let entries = Mutex<[String: Value]>([:])

    init(capacity: Int) { self.capacity = capacity }

    /// The cached value for `key`, else `compute()`'s, stored for the next caller.
    func value(for key: String, compute: () -> Value) -> Value {
        if let hit = entries.withLock({ $0[key] }) { return hit }
        let value = compute()
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll() }
            entries[key] = value
        }
        return value
    }
}
