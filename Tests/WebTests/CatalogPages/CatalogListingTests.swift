import Catalog
import FoyerCore
import Testing
@testable import Web

@Suite struct CatalogListingTests {
    @Test func readsFacetsTextSortAndPageFromTheQueryString() throws {
        let listing = try CatalogListing(QueryParameters("kind=component&kind=api&type=service&text=pay&sort=owner&dir=desc&page=3"))
        #expect(listing.selections == ["kind": ["api", "component"], "type": ["service"]])
        #expect(listing.text == "pay")
        #expect(listing.sort == .owner)
        #expect(listing.descending)
        #expect(listing.page == 3)
        #expect(listing.offset == 2 * CatalogListing.pageSize)
    }

    @Test func urlHoldsTheWholeStateAndReadsBackTheSame() throws {
        let listing = try CatalogListing(QueryParameters("owner=team%20a&tag=c%2B%2B&text=a%26b&sort=name&page=2"))
        let again = try CatalogListing(QueryParameters(String(listing.url.dropFirst("/catalog?".count))))
        #expect(again == listing)
        #expect(listing.url.contains("owner=team%20a"))
        #expect(!listing.url.contains("&b"), "an & inside a value must be escaped")
    }

    @Test func togglingAValueAddsOrRemovesItAndReturnsToTheFirstPage() throws {
        let listing = try CatalogListing(QueryParameters("kind=component&page=4"))
        let added = listing.toggling("kind", "api")
        #expect(added.selections["kind"] == ["api", "component"])
        #expect(added.page == 1)
        #expect(added.toggling("kind", "api").toggling("kind", "component").selections["kind"] == nil)
    }

    @Test func sortingTheSortedColumnAgainReversesIt() {
        let byName = CatalogListing().sorted(by: .name)
        #expect(byName.sort == .name && !byName.descending)
        #expect(byName.sorted(by: .name).descending)
        #expect(!byName.sorted(by: .name).sorted(by: .kind).descending)
    }

    @Test func facetsCombineWithAndAndValuesWithOrAndOneFacetCanBeLeftOut() throws {
        let listing = try CatalogListing(QueryParameters("kind=Component&kind=API&lifecycle=production"))
        let filter = listing.filter()
        #expect(filter.sets.count == 1)
        #expect(filter.sets[0].map(\.key) == ["kind", "spec.lifecycle"])
        #expect(filter.sets[0][0].values == ["api", "component"])
        #expect(listing.filter(excluding: "kind").sets[0].map(\.key) == ["spec.lifecycle"])
        #expect(CatalogListing().filter().isEmpty)
    }

    @Test func rejectsUnknownSortsDirectionsPagesAndOverlongText() {
        #expect(throws: FoyerError.self) { try CatalogListing(QueryParameters("sort=colour")) }
        #expect(throws: FoyerError.self) { try CatalogListing(QueryParameters("dir=sideways")) }
        #expect(throws: FoyerError.self) { try CatalogListing(QueryParameters("page=0")) }
        #expect(throws: FoyerError.self) { try CatalogListing(QueryParameters("text=" + String(repeating: "a", count: 201))) }
        let tooMany = (0...CatalogListing.maxValuesPerFacet).map { "tag=t\($0)" }.joined(separator: "&")
        #expect(throws: FoyerError.self) { try CatalogListing(QueryParameters(tooMany)) }
    }

    @Test func aPagePastTheEndLinksTheLastPagesInsteadOfCrashing() throws {
        let listing = try CatalogListing(QueryParameters("kind=domain&page=100000"))
        let table = CatalogTable(listing: listing, entities: [], totalItems: 45, facetCounts: [:])
        let lastPage = (45 + CatalogListing.pageSize - 1) / CatalogListing.pageSize
        #expect(table.pages.last?.number == lastPage)
        #expect(table.pages.allSatisfy { $0.number >= 1 && $0.number <= lastPage })
        #expect(table.nextURL == nil)
        #expect(CatalogTable(listing: listing, entities: [], totalItems: 0, facetCounts: [:]).pages.map(\.number) == [1])
    }
}
