import FoyerCore

/// How many people could use the portal: the denominator of adoption. The catalog answers it (its
/// `User` entities) unless a licensed-user count is configured; Insights never reads catalog tables.
public protocol PeopleDirectory: Sendable {
    func headcount() async throws -> Int
    /// User entity refs (at most `limit`), for the demo's synthetic activity.
    func users(limit: Int) async throws -> [String]
}

/// The directory with the configured licensed-user count, when there is one, as its headcount.
public struct ConfiguredPeople: PeopleDirectory {
    public let directory: any PeopleDirectory
    /// Zero means the directory's own headcount.
    public let licensedUsers: Int

    public init(_ directory: any PeopleDirectory, configuration: ServerConfiguration) {
        self.directory = directory
        licensedUsers = configuration.insightsHeadcount
    }

    public func headcount() async throws -> Int { licensedUsers > 0 ? licensedUsers : try await directory.headcount() }
    public func users(limit: Int) async throws -> [String] { try await directory.users(limit: limit) }
}

/// A fixed headcount, e.g. the number of licensed users; it names nobody.
public struct FixedHeadcount: PeopleDirectory {
    public let count: Int
    public init(_ count: Int) { self.count = count }
    public func headcount() async throws -> Int { count }
    public func users(limit: Int) async throws -> [String] { [] }
}
