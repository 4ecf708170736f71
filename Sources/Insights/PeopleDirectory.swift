import FoyerCore

/// How many people could use the portal: the denominator of adoption. The catalog answers it (its
/// `User` entities) unless a licensed-user count is configured; Insights never reads catalog tables.
public protocol PeopleDirectory: Sendable {
    func headcount() async throws -> Int
    /// User entity refs (at most `limit`), for the demo's synthetic activity.
    func users(limit: Int) async throws -> [String]
}

/// A fixed headcount, e.g. the number of licensed users; it names nobody.
public struct FixedHeadcount: PeopleDirectory {
    public let count: Int
    public init(_ count: Int) { self.count = count }
    public func headcount() async throws -> Int { count }
    public func users(limit: Int) async throws -> [String] { [] }
}
