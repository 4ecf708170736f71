import Foundation
import FoyerCore
import Hummingbird

/// `GET /api/search/query` in Backstage's shape, over the catalog (`software-catalog` documents).
struct SearchController: Sendable {
    let index: SearchIndex

    static let documentType = "software-catalog"
    static let defaultPageLimit = 25

    struct Document: Encodable {
        let title: String
        let text: String
        let location: String
        let kind: String
        let namespace: String
        let name: String
        let type: String?
        let lifecycle: String?
        let owner: String?
    }

    struct Result: Encodable {
        let type: String
        let document: Document
        let rank: Int
    }

    struct Body: Encodable {
        let results: [Result]
        let nextPageCursor: String?
        let previousPageCursor: String?
        let numberOfResults: Int
    }

    func register(on router: Router<FoyerRequestContext>) {
        router.get("api/search/query") { request, _ in
            let parameters = QueryParameters(request.uri.query)
            let term = parameters.first("term") ?? ""
            guard term.count <= 500 else { throw FoyerError.badRequest("term must be at most 500 characters") }
            let limit = try parameters.integer("pageLimit", in: 1...100) ?? Self.defaultPageLimit
            let page = try parameters.first("pageCursor").map(Self.page(from:)) ?? 0
            let types = parameters.all("types")
            guard types.isEmpty || types.contains(Self.documentType) else {
                return try JSONBody.response(Body(results: [], nextPageCursor: nil, previousPageCursor: nil, numberOfResults: 0))
            }
            let (hits, total) = try await index.search(term, offset: page * limit, limit: limit)
            let results = hits.enumerated().map { Result(type: Self.documentType, document: Self.document(for: $1.entity), rank: page * limit + $0 + 1) }
            return try JSONBody.response(Body(
                results: results,
                nextPageCursor: (page + 1) * limit < total ? Self.cursor(page + 1) : nil,
                previousPageCursor: page > 0 ? Self.cursor(page - 1) : nil,
                numberOfResults: total))
        }
    }

    static func document(for entity: Entity) -> Document {
        let metadata = entity.metadata
        return Document(
            title: metadata["title"]?.stringValue ?? entity.name,
            text: metadata["description"]?.stringValue ?? "",
            location: "/catalog/\(entity.namespace)/\(entity.kind.lowercased())/\(entity.name)",
            kind: entity.kind, namespace: entity.namespace, name: entity.name,
            type: entity.spec["type"]?.stringValue, lifecycle: entity.spec["lifecycle"]?.stringValue, owner: entity.spec["owner"]?.stringValue)
    }

    /// Backstage's page cursor: the page number, base64-encoded.
    static func cursor(_ page: Int) -> String { Data(String(page).utf8).base64EncodedString() }

    static func page(from cursor: String) throws(FoyerError) -> Int {
        guard let data = Data(base64Encoded: cursor), let page = Int(String(decoding: data, as: UTF8.self)), (0...10_000).contains(page) else {
            throw .badRequest("the page cursor is malformed")
        }
        return page
    }
}
