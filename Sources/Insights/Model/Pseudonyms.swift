import Crypto
import Foundation
import FoyerCore

/// Replaces user ids in exports with keyed hashes: stable (the same person is the same pseudonym in
/// every export) but not reversible without the key. Without a key, ids are shown as they are.
public struct Pseudonyms: Sendable {
    let key: SymmetricKey?

    public init(key: String?) {
        self.key = key.map { SymmetricKey(data: Data($0.utf8)) }
    }

    public func name(for user: String) -> String {
        guard let key else { return user }
        let code = HMAC<SHA256>.authenticationCode(for: Data(user.utf8), using: key)
        return "user-" + Hex.lowercase(code.prefix(8))
    }
}
