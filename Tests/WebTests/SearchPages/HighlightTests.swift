import Testing
@testable import Web

@Suite struct HighlightTests {
    @Test func marksWordsStartingWithASearchedWordAndKeepsTheTextWhole() {
        let text = "Payments API, for paying <b>partners</b>"
        let highlighted = HighlightedText(text, words: ["pay", "partner"])
        #expect(highlighted.pieces.map(\.text).joined() == text)
        #expect(highlighted.pieces.filter(\.match).map(\.text) == ["Payments", "paying", "partners"])
    }

    @Test func nothingIsMarkedWithoutWords() {
        #expect(HighlightedText("plain text", words: []).pieces.allSatisfy { !$0.match })
    }
}
