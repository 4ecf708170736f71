import Foundation

/// A stored API token as listed: everything but the secret, which is kept only as a hash.
public struct APIToken: Codable, Sendable, Equatable {
    public let id: String
    public let name: String
    public let role: Role
    public let createdAt: EpochMillis
    public let expiresAt: EpochMillis?
    public let revokedAt: EpochMillis?

    /// Usable at `time`: neither revoked nor past its expiry.
    public func isActive(at time: EpochMillis) -> Bool {
        revokedAt == nil && (expiresAt.map { time < $0 } ?? true)
    }
}

/// The secret half of a token: shown once at creation, stored only as its SHA-256.
public enum TokenSecret {
    static let prefix = "foyer_"

    /// A new secret with 40 random characters (about 206 bits).
    public static func generate() -> String { prefix + RandomToken.make(length: 40) }

    /// Tokens are long random strings, so a fast hash is enough; bcrypt is for guessable passwords.
    public static func hash(_ secret: String) -> String { RandomToken.sha256Hex(secret) }

    /// Checks a token name: 1–100 printable characters.
    public static func validateName(_ name: String) throws(FoyerError) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(trimmed.count) else {
            throw .badRequest("token name must be 1 to 100 characters")
        }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .badRequest("token name must not contain control characters")
        }
        return trimmed
    }
}
