import Catalog

/// Text split into pieces, the ones matching a searched word marked: templates escape each piece,
/// so highlighting never lets markup through.
struct HighlightedText {
    struct Piece {
        let text: String
        let match: Bool
    }

    let pieces: [Piece]

    /// Marks every word of `text` that starts with one of `words` (as the search matched them: prefixes).
    init(_ text: String, words: [String]) {
        var pieces: [Piece] = []
        var current = ""
        var currentIsMatch = false
        func flush() {
            if !current.isEmpty { pieces.append(Piece(text: current, match: currentIsMatch)) }
            current = ""
        }
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character.isLetter || character.isNumber {
                let end = text[index...].firstIndex { !($0.isLetter || $0.isNumber) } ?? text.endIndex
                let word = String(text[index..<end])
                let lowered = word.lowercased()
                let isMatch = words.contains { !$0.isEmpty && lowered.hasPrefix($0) }
                if isMatch != currentIsMatch { flush(); currentIsMatch = isMatch }
                current += word
                index = end
            } else {
                if currentIsMatch { flush(); currentIsMatch = false }
                current.append(character)
                index = text.index(after: index)
            }
        }
        flush()
        self.pieces = pieces
    }
}
