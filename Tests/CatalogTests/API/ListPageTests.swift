@testable import Catalog
import Foundation
import FoyerCore
import Testing

/// The plain list's paging: offset and limit, or Backstage's `after` cursor.
struct ListPageTests {
    @Test func afterHoldsTheLimitAndOffsetOfTheNextPageAndWinsOverOffset() throws {
        let first = try ListPage.parse(QueryParameters("limit=2&offset=4"))
        #expect(first == ListPage(offset: 4, limit: 2))
        let cursor = try #require(first.nextCursor)
        #expect(String(decoding: try #require(Data(base64Encoded: cursor)), as: UTF8.self) == #"{"limit":2,"offset":6}"#)
        let encoded = try #require(cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        #expect(try ListPage.parse(QueryParameters("offset=0&after=\(encoded)")) == ListPage(offset: 6, limit: 2))
    }

    @Test func theNextLinkKeepsTheQueryAndReplacesOffsetAndAfter() throws {
        let page = ListPage(offset: 0, limit: 2)
        let link = try #require(page.nextLink(path: "/api/catalog/entities", query: "filter=kind=component&offset=0&limit=2&fields=metadata.name"))
        #expect(link.hasPrefix("</api/catalog/entities?filter=kind=component&limit=2&fields=metadata.name&after="))
        #expect(link.hasSuffix(#">; rel="next""#))
        #expect(ListPage(offset: 0, limit: nil).nextLink(path: "/x", query: nil) == nil, "no limit: one page holds everything")
        #expect(ListPage(offset: 0, limit: 0).nextLink(path: "/x", query: nil) == nil, "an empty page leads nowhere")
    }

    @Test func angleBracketsAndQuotesSentUnencodedCannotBreakTheLinkHeader() throws {
        let link = try #require(ListPage(offset: 0, limit: 2).nextLink(path: "/e", query: #"filter=metadata.name=<a>"b"&limit=2"#))
        #expect(link.hasPrefix("</e?filter=metadata.name=%3Ca%3E%22b%22&limit=2&after="))
        #expect(link.filter { $0 == "<" || $0 == ">" }.count == 2)
    }

    @Test func cursorsReadInEitherBase64AlphabetWithOrWithoutPadding() {
        #expect(CursorText.decode("-_8", maxLength: 10) == Data([0xFB, 0xFF]))
        #expect(CursorText.decode("+/8=", maxLength: 10) == Data([0xFB, 0xFF]))
        #expect(CursorText.decode(" /8=", maxLength: 10) == Data([0xFB, 0xFF]), "a + sent unencoded arrives as a space")
        #expect(CursorText.decode("+/8=", maxLength: 3) == nil)
    }

    @Test(arguments: ["%%%", "bm90IGpzb24=", "eyJsaW1pdCI6LTF9"])
    func aCursorThatIsNotOneOfOursIsAClearError(_ after: String) {
        // Not base64; base64 of "not json"; {"limit":-1}.
        #expect(throws: FoyerError.self) { try ListPage.parse(QueryParameters("after=\(after)")) }
    }
}
