import Catalog
import FoyerCore
import Hummingbird

/// `GET /catalog`: the filterable, sortable, paged table of every entity.
struct CatalogPage: Sendable {
    let site: Site

    func register(on router: Router<FoyerRequestContext>) {
        router.get("catalog") { request, context in try await show(request, context) }
    }

    func show(_ request: Request, _ caller: FoyerRequestContext) async throws -> Response {
        let listing = try CatalogListing(QueryParameters(request.uri.query))
        let reader = site.catalog.reader
        let query = listing.query()
        let total = try await reader.count(query)
        let entities = try await reader.entities(query, offset: listing.offset, limit: CatalogListing.pageSize)
        // A facet with a selection is counted without it; all the others share the listing's query.
        let selected = CatalogListing.facets.filter { listing.selections[$0.parameter] != nil }
        var counts = try await reader.facets(CatalogListing.facets.filter { listing.selections[$0.parameter] == nil }.map(\.field), query: query)
        for facet in selected {
            counts[facet.field] = try await reader.facets([facet.field], query: listing.query(excluding: facet.parameter))[facet.field]
        }
        let table = CatalogTable(listing: listing, entities: entities, totalItems: total, facetCounts: counts)
        let context = try await site.context(for: request, caller)
        return site.renderer.response(Page(title: "Catalog", template: "catalog", content: table), context: context)
    }
}
