import Catalog
import Insights

/// The headcount Insights measures adoption against: how many `User` entities the catalog holds.
struct CatalogHeadcount: PeopleDirectory {
    let reader: EntityReader

    static let users = EntityQuery(filter: EntityFilter.allOf([(key: "kind", values: ["user"])]))

    func headcount() async throws -> Int {
        try await reader.count(Self.users)
    }

    func users(limit: Int) async throws -> [String] {
        try await reader.entities(Self.users, offset: 0, limit: limit).map(\.ref.description)
    }
}
