import Crypto
import Foundation

/// Random identifiers and secrets from the system's secure generator.
public enum RandomToken {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")

    /// `length` characters of `[a-z0-9]`, uniformly chosen with a cryptographic generator.
    public static func make(length: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// Lower-case hex SHA-256 of `text`.
    public static func sha256Hex(_ text: String) -> String {
        Hex.lowercase(SHA256.hash(data: Data(text.utf8)))
    }
}
