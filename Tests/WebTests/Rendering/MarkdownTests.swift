import Testing
@testable import Web

@Suite struct MarkdownTests {
    @Test func blocksBecomeHeadingsParagraphsListsAndCode() {
        let html = Markdown.html("""
            # Why docs
            Docs live **next to** the *code*.
            Second line.

            - one
            - two `x`
              continued
            1. first

            ```yaml
            metadata:
              name: <x>
            ```
            """)
        #expect(html == """
            <h3>Why docs</h3>
            <p>Docs live <strong>next to</strong> the <em>code</em>. Second line.</p>
            <ul><li>one</li><li>two <code>x</code> continued</li></ul>
            <ol><li>first</li></ol>
            <pre><code>metadata:
              name: &lt;x&gt;</code></pre>

            """)
    }

    @Test func rawHTMLIsShownAsText() {
        let html = Markdown.html(#"<script>alert(1)</script> <img src=x onerror="alert(2)">"#)
        #expect(html == "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=&quot;alert(2)&quot;&gt;</p>\n")
    }

    @Test func onlySafeLinksBecomeAnchors() {
        #expect(Markdown.inline("[docs](/learn/docs-101)") == #"<a href="/learn/docs-101">docs</a>"#)
        #expect(Markdown.inline("[site](https://example.com/a?b=1&c=2)") == #"<a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer">site</a>"#)
        #expect(Markdown.inline("[x](javascript:alert(1))") == "x)")
        #expect(Markdown.inline("[x](//evil.example/)") == "x")
        #expect(Markdown.inline(#"[x](/a" onmouseover="alert(1))"#) == "x)")  // a space ends the URL early: not a link
    }

    @Test func unclosedMarkersStayText() {
        #expect(Markdown.inline("a * b and `c") == "a * b and `c")
        #expect(Markdown.inline("**") == "**")
    }
}
