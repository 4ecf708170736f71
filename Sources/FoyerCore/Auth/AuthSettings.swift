/// The `auth.*` settings: who may look without signing in, which proxy is trusted, how long
/// sessions live, and how hard password hashes are.
public struct AuthSettings: Sendable, Equatable {
    /// Lets anonymous visitors read pages and APIs (never write).
    public var allowGuests = false
    public var proxy = ProxyTrust(addresses: [])
    public var sessionLifetime = SessionLifetime()
    public var bcryptCost = 12

    public init() {}
}
