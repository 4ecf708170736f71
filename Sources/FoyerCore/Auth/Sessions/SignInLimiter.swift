import Synchronization

/// Slows down password guessing: each sign-in attempt counts as a failure from the moment it
/// starts (so a burst of parallel guesses cannot slip past the count while bcrypt runs), and a
/// success takes its attempt back. After too many in a window, for one account or from one
/// address, further attempts get 429 until the window has passed. Counts are per process.
public final class SignInLimiter: Sendable {
    public struct Limits: Sendable {
        public var window: Duration = .seconds(15 * 60)
        public var perAccount = 5
        public var perAddress = 20

        public init() {}
    }

    /// A started attempt, to be taken back when it succeeds.
    public struct Attempt: Sendable {
        let keys: [String]
        let at: EpochMillis
    }

    public let limits: Limits
    private let failures = Mutex<[String: [EpochMillis]]>([:])

    public init(limits: Limits = Limits()) { self.limits = limits }

    /// Counts an attempt for `username` from `address`; throws 429 (counting nothing) when either
    /// used up its attempts in the current window.
    public func begin(username: String, address: String?, now: EpochMillis = .now()) throws(FoyerError) -> Attempt {
        let keys = Self.keys(username: username, address: address)
        let allowed = failures.withLock { failures -> Bool in
            for (key, limit) in keys where recent(failures[key] ?? [], now: now).count >= limit(limits) { return false }
            for (key, _) in keys { failures[key] = recent(failures[key] ?? [], now: now) + [now] }
            if failures.count > 10_000 { failures = failures.filter { !recent($0.value, now: now).isEmpty } }
            return true
        }
        guard allowed else {
            throw FoyerError(.tooManyRequests, "too many failed sign-ins; wait \(limits.window.components.seconds / 60) minutes and try again")
        }
        return Attempt(keys: keys.map(\.0), at: now)
    }

    /// A successful attempt is not a failure: it is taken back from the account and the address.
    public func succeeded(_ attempt: Attempt) {
        failures.withLock { failures in
            for key in attempt.keys {
                if let index = failures[key]?.firstIndex(of: attempt.at) { failures[key]?.remove(at: index) }
            }
        }
    }

    private func recent(_ times: [EpochMillis], now: EpochMillis) -> [EpochMillis] {
        times.filter { now.value - $0.value < limits.window.milliseconds }
    }

    private static func keys(username: String, address: String?) -> [(String, (Limits) -> Int)] {
        var keys: [(String, (Limits) -> Int)] = [("account:" + username.lowercased(), \.perAccount)]
        if let address { keys.append(("address:" + address, \.perAddress)) }
        return keys
    }
}
