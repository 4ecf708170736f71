import Catalog

/// The catalog page as templates read it, built from a listing and what the store answered.
struct CatalogTable {
    struct FacetValue {
        let value: String
        let count: Int
        let selected: Bool
        let parameter: String
        /// A stable id for the checkbox's label.
        let inputID: String
    }

    struct FacetGroup {
        let label: String
        let parameter: String
        let values: [FacetValue]
    }

    struct Column {
        let label: String
        let url: String
        /// `ascending`/`descending` for the sorted column (its `aria-sort`), nil otherwise.
        let sortState: String?
    }

    struct Row {
        let title: String
        let url: String
        let kind: String
        let type: String?
        let owner: EntityLink?
        let lifecycle: String?
        let description: String?
        let tags: [String]
    }

    struct PageLink {
        let number: Int
        let url: String
        let current: Bool
    }

    let facets: [FacetGroup]
    let columns: [Column]
    let rows: [Row]
    let text: String
    let totalItems: Int
    let firstItem: Int
    let lastItem: Int
    let previousURL: String?
    let nextURL: String?
    let pages: [PageLink]
    let hasFilters: Bool
    let hasItems: Bool

    /// Facet counts come per facet, each counted without that facet's own selection, so a count is
    /// what selecting that value alone would list.
    init(listing: CatalogListing, entities: [StoredEntity], totalItems: Int, facetCounts: [String: [FacetCount]]) {
        facets = CatalogListing.facets.enumerated().map { index, facet in
            let selected = listing.selections[facet.parameter] ?? []
            var counts = facetCounts[facet.field] ?? []
            // A selected value stays visible (with 0) even when nothing else matches it.
            for value in selected where !counts.contains(where: { $0.value.lowercased() == value.lowercased() }) {
                counts.append(FacetCount(value: value, count: 0))
            }
            let values = counts.prefix(50).enumerated().map { position, entry in
                FacetValue(value: entry.value, count: entry.count,
                           selected: selected.contains { $0.lowercased() == entry.value.lowercased() },
                           parameter: facet.parameter, inputID: "facet-\(index)-\(position)")
            }
            return FacetGroup(label: facet.label, parameter: facet.parameter, values: values)
        }
        columns = CatalogListing.SortColumn.allCases.map { column in
            Column(label: column.rawValue.capitalized, url: listing.sorted(by: column).url,
                   sortState: listing.sort == column ? (listing.descending ? "descending" : "ascending") : nil)
        }
        rows = entities.map(Self.row)
        text = listing.text
        self.totalItems = totalItems
        firstItem = entities.isEmpty ? 0 : listing.offset + 1
        lastItem = listing.offset + entities.count
        let pageCount = max(1, (totalItems + CatalogListing.pageSize - 1) / CatalogListing.pageSize)
        previousURL = listing.page > 1 ? listing.at(page: min(listing.page - 1, pageCount)).url : nil
        nextURL = listing.page < pageCount ? listing.at(page: listing.page + 1).url : nil
        // A page past the end (a stale bookmark, a shrunken list) shows the last pages' links.
        let first = max(1, min(listing.page, pageCount) - 3)
        let window = first...min(pageCount, first + 6)
        pages = window.map { PageLink(number: $0, url: listing.at(page: $0).url, current: $0 == listing.page) }
        hasFilters = !listing.selections.isEmpty || !listing.text.isEmpty
        hasItems = !entities.isEmpty
    }

    static func row(_ stored: StoredEntity) -> Row {
        let entity = Entity(document: stored.body)
        let owner = stored.relations.first { $0.type == RelationType.ownedBy }.map { EntityLink($0.target) }
        let description = entity.metadata["description"]?.stringValue.map { $0.count > 160 ? String($0.prefix(157)) + "…" : $0 }
        return Row(
            title: EntityLinks.title(entity), url: EntityLinks.path(stored.ref), kind: entity.kind,
            type: entity.spec["type"]?.scalarText, owner: owner, lifecycle: entity.spec["lifecycle"]?.scalarText,
            description: description, tags: (entity.metadata["tags"]?.arrayValue ?? []).compactMap(\.scalarText))
    }
}
