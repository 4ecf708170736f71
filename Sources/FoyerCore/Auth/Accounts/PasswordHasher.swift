import HummingbirdBcrypt
import NIOPosix

/// bcrypt hashing and checking off the request threads: each call takes a deliberate fraction of
/// a second, so it runs on NIO's blocking thread pool.
public struct PasswordHasher: Sendable {
    /// log2 of bcrypt's rounds; 12 in production, lower in tests to keep them quick.
    public let cost: UInt8

    public init(cost: Int = 12) {
        self.cost = UInt8(min(max(cost, 4), 16))
    }

    public func hash(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { [cost] in Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`; with no hash it still spends a bcrypt check, so an unknown
    /// username takes as long to refuse as a wrong password.
    public func verify(_ password: String, hash: String?) async throws -> Bool {
        let stored = hash ?? Self.decoy
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: stored) }
        return hash != nil && matches
    }

    /// A valid bcrypt hash of a random text nobody knows.
    private static let decoy = Bcrypt.hash(RandomToken.make(length: 24), cost: 12)
}
