import Testing
@testable import Web

@Suite struct HTMLTextTests {
    @Test func escapesEveryCharacterThatCouldEndTextOrAnAttribute() {
        #expect(HTMLText.escape(#"<a href="x" onclick='y'>&</a>"#) == "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;")
    }

    @Test func onlyWebAndMailLinksAreFollowable() {
        #expect(HTMLText.safeLink("https://example.com/a?b=c") == "https://example.com/a?b=c")
        #expect(HTMLText.safeLink("mailto:team@example.com") == "mailto:team@example.com")
        #expect(HTMLText.safeLink("javascript:alert(1)") == nil)
        #expect(HTMLText.safeLink("JavaScript:alert(1)") == nil)
        #expect(HTMLText.safeLink("data:text/html,<script>alert(1)</script>") == nil)
        #expect(HTMLText.safeLink("https://example.com/\u{0}x") == nil)
        #expect(HTMLText.safeLink("/relative") == nil)
        #expect(HTMLText.safeLink(nil) == nil)
    }

    @Test func queryEscapeKeepsOnlyUnreservedCharacters() {
        #expect(HTMLText.queryEscape("a b&c=d/é") == "a%20b%26c%3Dd%2F%C3%A9")
    }
}
