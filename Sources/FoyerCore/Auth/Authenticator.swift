import Crypto
import Foundation
import HTTPTypes

/// Turns an `Authorization: Bearer` header into a `Principal`, from stored tokens or the bootstrap token.
public struct Authenticator: Sendable {
    let tokens: TokenStore
    let bootstrapHash: String?

    public init(tokens: TokenStore, bootstrapToken: String?) {
        self.tokens = tokens
        self.bootstrapHash = bootstrapToken.map(TokenSecret.hash)
    }

    /// Nil without credentials; throws 401 for credentials that are malformed, unknown, expired or revoked.
    public func principal(authorization: String?) async throws -> Principal? {
        guard let authorization else { return nil }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty, parts[1].count <= 256 else {
            throw FoyerError(.unauthorized, "the Authorization header must be 'Bearer <token>'")
        }
        let secret = String(parts[1])
        if let bootstrapHash, Self.constantTimeEqual(TokenSecret.hash(secret), bootstrapHash) {
            return Principal(name: "bootstrap", role: .admin, tokenID: nil)
        }
        guard let token = try await tokens.find(secret: secret) else {
            throw FoyerError(.unauthorized, "the API token is unknown, expired or revoked")
        }
        return Principal(name: token.name, role: token.role, tokenID: token.id)
    }

    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8), right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
