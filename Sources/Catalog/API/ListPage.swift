import Foundation
import FoyerCore

/// Paging of `GET /entities` as Backstage does it: `offset` and `limit`, or the `after` cursor
/// (base64 of `{"limit","offset"}`) that the `Link: <…>; rel="next"` header of a full page names.
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
        // A `+` sent without percent-encoding arrives as a space.
        let base64 = after.replacingOccurrences(of: " ", with: "+")
        guard base64.count <= 1024, let data = Data(base64Encoded: base64), let cursor = try? JSONDecoder().decode(Cursor.self, from: data),
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
        }
        return "<\(path)?\((kept + ["after=\(cursor)"]).joined(separator: "&"))>; rel=\"next\""
    }
}
