import FoyerCore

/// Splits text into lowercase words of letters and digits: the one tokenizer behind the search
/// index on both engines, so SQLite FTS5 and PostgreSQL full-text see the same words.
public enum SearchTokenizer {
    static let maxTokenLength = 64

    public static func tokens(_ text: String) -> [String] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiTokens(text) }
        var tokens: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                tokens.append(String(current.prefix(maxTokenLength)))
                current = ""
            }
        }
        if !current.isEmpty { tokens.append(String(current.prefix(maxTokenLength))) }
        return tokens
    }

    /// `tokens` for ASCII text, on bytes: there the letters and digits are `[A-Za-z0-9]`.
    private static func asciiTokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current: [UInt8] = []
        func finish() {
            if !current.isEmpty { tokens.append(String(decoding: current.prefix(maxTokenLength), as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        for byte in text.utf8 {
            if ASCII.isAlphanumeric(byte) {
                current.append(ASCII.lowercased(byte))
            } else {
                finish()
            }
        }
        finish()
        return tokens
    }
}
