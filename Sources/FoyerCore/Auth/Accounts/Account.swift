import Foundation

/// A person's account: how they sign in (a password, or a trusted proxy), their role, and the
/// catalog `User` they are.
public struct Account: Sendable, Equatable {
    /// How the account came to be.
    public enum Origin: String, Sendable, Codable {
        /// Created by an admin, signs in with a password.
        case local
        /// Created on first sign-in through the authenticating proxy.
        case proxy
        /// Created by the demo's "sign in as" picker.
        case demo
    }

    public let id: String
    public let username: String
    public let email: String?
    public let role: Role
    /// The catalog user (`user:default/jane`), when one matched the name or email.
    public let userRef: String?
    public let origin: Origin
    public let createdAt: EpochMillis
    public let disabledAt: EpochMillis?

    public init(id: String, username: String, email: String?, role: Role, userRef: String?, origin: Origin,
                createdAt: EpochMillis, disabledAt: EpochMillis?) {
        self.id = id
        self.username = username
        self.email = email
        self.role = role
        self.userRef = userRef
        self.origin = origin
        self.createdAt = createdAt
        self.disabledAt = disabledAt
    }

    public var isDisabled: Bool { disabledAt != nil }
}

/// What a new account must satisfy: checked before anything is stored.
public enum AccountRules {
    /// Usernames: 1–64 of `a-z 0-9 . _ - @ +`, kept lower-case so sign-in ignores case.
    public static func username(_ text: String) throws(FoyerError) -> String {
        let name = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard (1...64).contains(name.count) else { throw .badRequest("username must be 1 to 64 characters") }
        guard name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || "._-@+".unicodeScalars.contains($0) }) else {
            throw .badRequest("username '\(name.prefix(64))' may hold only letters a–z, digits and . _ - @ +")
        }
        return name
    }

    /// An email address, loosely: one `@` with text on both sides, no spaces, at most 254 characters.
    public static func email(_ text: String?) throws(FoyerError) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard text.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !text.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw .badRequest("'\(text.prefix(100))' is not an email address")
        }
        return text.lowercased()
    }

    /// Passwords: at least 10 characters and at most 72 bytes, the most bcrypt reads.
    public static func password(_ text: String) throws(FoyerError) {
        guard text.count >= 10 else { throw .badRequest("the password must be at least 10 characters") }
        guard text.utf8.count <= 72 else { throw .badRequest("the password must be at most 72 bytes (bcrypt reads no more)") }
        guard !text.contains("\0") else { throw .badRequest("the password must not contain NUL characters") }
    }
}
