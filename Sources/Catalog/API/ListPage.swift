import Foundation
import FoyerCore

/// Paging of `GET /entities` as Backstage does it: `offset` and `limit`, or the `after` cursor
/// (base64 of `{"limit","offset"}`) that the `Link: <…>; rel="next"` header names when more may follow.
struct ListPage: Equatable, Sendable {
    var offset: Int
    var limit: Int?

    static let maxLimit = 100_000

    /// The page `parameters` ask for; what the `after` cursor holds wins over `offset` and `limit`.
    static func parse(_ parameters: QueryParameters) throws(FoyerError) -> ListPage {
        var page = ListPage(offset: try parameters.integer("offset", in: 0...Int(Int32.max)) ?? 0,
                            limit: try parameters.integer("limit", in: 0...maxLimit))
        guard let after = parameters.first("after") else { return page }
        struct Cursor: Decodable { let limit: Int?; let offset: Int? }
        guard let data = CursorText.decode(after, maxLength: 1024), let cursor = try? JSONDecoder().decode(Cursor.self, from: data),
              (cursor.limit ?? 0) >= 0, (cursor.limit ?? 0) <= maxLimit, (cursor.offset ?? 0) >= 0, (cursor.offset ?? 0) <= Int(Int32.max) else {
            throw .badRequest("query parameter 'after' is malformed: give the cursor of the Link header of the page before")
        }
        if let limit = cursor.limit { page.limit = limit }
        if let offset = cursor.offset { page.offset = offset }
        return page
    }

    /// The `after` cursor of the page that follows this one; nil without a limit.
    var nextCursor: String? {
        guard let limit, limit > 0 else { return nil }
        return Data(#"{"limit":\#(limit),"offset":\#(offset + limit)}"#.utf8).base64EncodedString()
    }

    /// The `Link` header naming the next page: `query` with its `offset` and `after` replaced by the
    /// next cursor.
    func nextLink(path: String, query: String?) -> String? {
        guard let cursor = nextCursor?.addingPercentEncoding(withAllowedCharacters: .alphanumerics) else { return nil }
        let kept = (query ?? "").split(separator: "&").filter { part in
            let name = part.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            return name != "offset" && name != "after"
        }.map { part in
            // Sent unencoded, these would end the `<…>` early or break the header.
            part.replacingOccurrences(of: "<", with: "%3C").replacingOccurrences(of: ">", with: "%3E").replacingOccurrences(of: "\"", with: "%22")
        }
        return "<\(path)?\((kept + ["after=\(cursor)"]).joined(separator: "&"))>; rel=\"next\""
    }
}

/// The text of an opaque cursor: base64 in either alphabet, padded or not.
enum CursorText {
    /// The bytes `text` encodes; nil when it is longer than `maxLength` or not base64. A `+` sent
    /// without percent-encoding arrives as a space, and is read as one.
    static func decode(_ text: String, maxLength: Int) -> Data? {
        guard text.count <= maxLength else { return nil }
        var base64 = text.replacingOccurrences(of: " ", with: "+").replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
