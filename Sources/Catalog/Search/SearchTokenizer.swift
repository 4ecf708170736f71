/// Splits text into lowercase words of letters and digits: the one tokenizer behind the search
/// index on both engines, so SQLite FTS5 and PostgreSQL full-text see the same words.
public enum SearchTokenizer {
    static let maxTokenLength = 64

    public static func tokens(_ text: String) -> [String] {
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
}
