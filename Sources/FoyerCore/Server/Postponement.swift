/// Holds background work back while a condition lasts (such as a large catalog ingest), for at
/// most `limit`, so the work never waits forever on a condition that stays stuck.
public struct Postponement: Sendable {
    public let condition: @Sendable () -> Bool
    public let limit: Duration
    public let polling: Duration

    public init(while condition: @escaping @Sendable () -> Bool, atMost limit: Duration, polling: Duration = .milliseconds(250)) {
        self.condition = condition
        self.limit = limit
        self.polling = polling
    }

    /// Nothing is postponed.
    public static let none = Postponement(while: { false }, atMost: .zero)

    /// Returns once the condition no longer holds, or `limit` after the call.
    public func wait() async throws {
        let deadline = ContinuousClock.now + limit
        while condition(), ContinuousClock.now < deadline {
            try await Task.sleep(for: polling)
        }
    }
}
