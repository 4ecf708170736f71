import FoyerCore
import SQLKit

/// Questions about what people did, for other modules (learning steps, onboarding, surveys): first
/// occurrences, plugin users and first-seen times, read from the activity index (so they outlive
/// the raw events).
public struct EventHistory: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    /// For each user (or only `user`): the earliest event with `action` whose subject equals
    /// `subject`, or starts with it when `prefix` is true.
    public func firstOccurrences(action: String, subject: String, prefix: Bool, user: String? = nil) async throws -> [String: Int64] {
        try await LiveActivity.of(database).current().firstOccurrences(action: action, subject: subject, prefix: prefix, user: user)
    }

    /// When each of `users` was first seen (their first stored event); users never seen are absent.
    public func firstSeen(_ users: [String]) async throws -> [String: Int64] {
        try await LiveActivity.of(database).current().firstSeen(users)
    }

    /// When each of `users` started using the portal: their first stored event or their linked
    /// account's creation, whichever came first (the spec's "new user" clock). Absent: neither.
    public func starts(of users: [String], accounts: AccountStore) async throws -> [String: Int64] {
        let firstSeen = try await firstSeen(users)
        return try await accounts.creationTimes(of: Set(users)).merging(firstSeen, uniquingKeysWith: min)
    }
}

extension EventHistory {
    /// The people with any event on the days `from` through `to`.
    public func activeUsers(from: Day, to: Day) async throws -> Set<String> {
        guard from <= to else { return [] }
        return try await LiveActivity.of(database).current().activeRefs(from.number...to.number)
    }

    /// The people with an event whose `context.pluginId` is `plugin` (or only `user`, if given).
    public func users(ofPlugin plugin: String, user: String? = nil) async throws -> Set<String> {
        try await LiveActivity.of(database).current().users(ofPlugin: plugin, user: user)
    }
}
