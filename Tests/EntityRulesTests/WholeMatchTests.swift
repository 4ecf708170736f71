import EntityRules
import Foundation
import Testing

@Suite struct WholeMatchTests {
    /// What ICU's regular expressions say, asked directly.
    func regexMatches(_ pattern: String, _ text: String) -> Bool {
        let regex = try! NSRegularExpression(pattern: "\\A(?:\(pattern))\\z")
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..<text.endIndex, in: text)) != nil
    }

    @Test func literalPatternsAnswerAsTheRegularExpressionWould() {
        let patterns = [".*-1", "team-.*", ".*pay.*", "payments-api", ".*", ".*.*", "", "a.b", ".*-prod|.*-1", "svc-[0-9]+", ".*\\.*",
                        "(?i)user:.*", "(?i).*-PROD", "(?i)Team-A", "(?i)(?i).*"]
        let texts = ["svc-1", "svc-12", "team-a", "my-team-a", "payments-api", "pay", "", "a.b", "axb",
                     "line\n-1", "team-\nx", "é-1", "svc-1\r", "Svc-1",
                     "user:ana", "USER:Ana", "User:\nana", "group:users", "svc-Prod", "TEAM-a", "Ünser:x"]
        for pattern in patterns {
            let match = try! #require(WholeMatch(pattern))
            for text in texts {
                #expect(match.matches(text) == regexMatches(pattern, text), "\(pattern) on \(text.debugDescription)")
            }
        }
    }
}
