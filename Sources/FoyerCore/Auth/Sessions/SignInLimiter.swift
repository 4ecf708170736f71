import Synchronization

/// Slows down password guessing: after too many failed sign-ins in a window, for one account or
/// from one address, further attempts are refused with 429 until the window has passed.
public final class SignInLimiter: Sendable {
    public struct Limits: Sendable {
        public var window: Duration = .seconds(15 * 60)
        public var perAccount = 5
        public var perAddress = 20

        public init() {}
    }

    public let limits: Limits
    private let failures = Mutex<[String: [EpochMillis]]>([:])

    public init(limits: Limits = Limits()) { self.limits = limits }

    /// Throws 429 when `username` or `address` used up its failures in the current window.
    public func check(username: String, address: String?, now: EpochMillis = .now()) throws(FoyerError) {
        let keys = Self.keys(username: username, address: address)
        let blocked = failures.withLock { failures in
            keys.contains { key, limit in recent(failures[key] ?? [], now: now).count >= limit(limits) }
        }
        if blocked {
            throw FoyerError(.tooManyRequests, "too many failed sign-ins; wait \(limits.window.components.seconds / 60) minutes and try again")
        }
    }

    /// Counts a failed attempt against the account and the address.
    public func recordFailure(username: String, address: String?, now: EpochMillis = .now()) {
        failures.withLock { failures in
            for (key, _) in Self.keys(username: username, address: address) {
                failures[key] = recent(failures[key] ?? [], now: now) + [now]
            }
            if failures.count > 10_000 { failures = failures.filter { !recent($0.value, now: now).isEmpty } }
        }
    }

    /// A successful sign-in clears the account's failures (not the address's).
    public func recordSuccess(username: String) {
        _ = failures.withLock { $0.removeValue(forKey: "account:" + username.lowercased()) }
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
