import Catalog
import FoyerCore
import Hummingbird

/// `GET /search?q=&kind=&type=&page=`: ranked results with kind and type filters and highlighted matches.
struct SearchPage: Sendable {
    let site: Site
    static let pageSize = 20

    struct Option {
        let value: String
        let count: Int
        let selected: Bool
    }

    struct Result {
        let rank: Int
        let title: HighlightedText
        let url: String
        let kind: String
        let type: String?
        let owner: String?
        let description: HighlightedText?
    }

    struct Results {
        let term: String
        let results: [Result]
        let total: Int
        let firstItem: Int
        let lastItem: Int
        let kinds: [Option]
        let types: [Option]
        let previousURL: String?
        let nextURL: String?
        let searched: Bool
    }

    func register(on router: Router<FoyerRequestContext>) {
        router.get("search") { request, context in try await show(request, context) }
    }

    func show(_ request: Request, _ caller: FoyerRequestContext) async throws -> Response {
        let parameters = QueryParameters(request.uri.query)
        let term = (parameters.first("q") ?? "").trimmingCharacters(in: .whitespaces)
        guard term.count <= 500 else { throw FoyerError.badRequest("the search term must be at most 500 characters") }
        let kind = parameters.first("kind").flatMap { $0.isEmpty ? nil : $0.lowercased() }
        let type = parameters.first("type").flatMap { $0.isEmpty ? nil : $0.lowercased() }
        let page = try parameters.integer("page", in: 1...1000) ?? 1
        let index = SearchIndex(database: site.catalog.database)
        let (hits, total) = try await index.search(term, kinds: kind.map { [$0] } ?? [], types: type.map { [$0] } ?? [],
                                                   offset: (page - 1) * Self.pageSize, limit: Self.pageSize)
        let words = SearchTokenizer.tokens(term)
        let results = hits.enumerated().map { index, hit in
            let entity = hit.entity
            return Result(
                rank: (page - 1) * Self.pageSize + index + 1, title: HighlightedText(EntityLinks.title(entity), words: words), url: EntityLinks.path(entity.ref), kind: entity.kind,
                type: entity.spec["type"]?.scalarText, owner: entity.spec["owner"]?.scalarText,
                description: entity.metadata["description"]?.stringValue.map { HighlightedText($0, words: words) })
        }
        let facets = try await site.catalog.reader.facets(["kind", "spec.type"], query: EntityQuery())
        func options(_ field: String, selected: String?) -> [Option] {
            (facets[field] ?? []).map { Option(value: $0.value, count: $0.count, selected: $0.value.lowercased() == selected) }
        }
        func url(page: Int) -> String {
            var pairs = [("q", term)]
            if let kind { pairs.append(("kind", kind)) }
            if let type { pairs.append(("type", type)) }
            if page > 1 { pairs.append(("page", String(page))) }
            return "/search?" + pairs.map { "\($0.0)=\(HTMLText.queryEscape($0.1))" }.joined(separator: "&")
        }
        let offset = (page - 1) * Self.pageSize
        let body = Results(
            term: term, results: results, total: total, firstItem: results.isEmpty ? 0 : offset + 1, lastItem: offset + results.count,
            kinds: options("kind", selected: kind), types: options("spec.type", selected: type),
            previousURL: page > 1 ? url(page: page - 1) : nil, nextURL: offset + results.count < total ? url(page: page + 1) : nil,
            searched: !term.isEmpty)
        let context = try await site.context(for: request, caller, searchTerm: term)
        if let viewer = context.viewer, !term.isEmpty, page == 1 {
            await site.record(PageActivity.search(term: term, results: total, user: viewer.ref, now: EpochMillis.now().value))
        }
        return site.renderer.response(Page(title: term.isEmpty ? "Search" : "Search: \(term)", template: "search", content: body), context: context)
    }
}
