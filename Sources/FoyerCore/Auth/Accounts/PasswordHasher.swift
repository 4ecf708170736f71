import HummingbirdBcrypt
import NIOPosix
import Synchronization

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
        let stored = if let hash { hash } else { try await decoy() }
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: stored) }
        return hash != nil && matches
    }

    /// A bcrypt hash, at this hasher's cost, of a random text nobody knows: checking against it
    /// takes as long as checking a real password.
    private func decoy() async throws -> String {
        if let known = Self.decoys.withLock({ $0[cost] }) { return known }
        let made = try await hash(RandomToken.make(length: 24))
        Self.decoys.withLock { $0[cost] = $0[cost] ?? made }
        return made
    }

    private static let decoys = Mutex<[UInt8: String]>([:])
}
