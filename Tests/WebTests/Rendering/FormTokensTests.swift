import Testing
@testable import Web

@Suite struct FormTokensTests {
    @Test func everyPostFormGetsTheTokenAndGetFormsDoNot() {
        let html = #"<form method="get" action="/search"><input name="q"></form><form class="x" method="post" action="/a"><button></button></form><FORM METHOD="POST" action="/b"></FORM>"#
        let token = String(repeating: "a1", count: 16)
        let field = #"<input type="hidden" name="csrf" value="\#(token)">"#
        let result = FormTokens.insert(into: html, token: token)
        #expect(result == #"<form method="get" action="/search"><input name="q"></form><form class="x" method="post" action="/a">\#(field)<button></button></form>"#
            + #"<FORM METHOD="POST" action="/b"></FORM>"#, "markup Foyer never writes in capitals is left alone")
        #expect(FormTokens.insert(into: html, token: "\"><script>") == html, "a token of any other shape is never written")
        #expect(FormTokens.insert(into: "<p>no form</p><form method=\"post\"", token: token) == "<p>no form</p><form method=\"post\"")
    }
}
