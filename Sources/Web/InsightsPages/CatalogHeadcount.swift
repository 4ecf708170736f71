import Catalog
import Insights

/// The headcount Insights measures adoption against: how many `User` entities the catalog holds.
struct CatalogHeadcount: PeopleDirectory {
    let reader: EntityReader

    func headcount() async throws -> Int {
        try await reader.count(EntityQuery(filter: EntityFilter.allOf([(key: "kind", values: ["user"])])))
    }
}
