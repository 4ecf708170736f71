import Catalog
import FoyerCore
import Insights
import Web

/// The modules this binary serves, in the order their migrations run; throws when the page templates are broken.
func registeredModules() throws -> [any FoyerModule] {
    [CoreModule(), CatalogModule(), InsightsModule(people: { CatalogPeople(reader: EntityReader(database: $0.database)) }), try WebModule()]
}

/// The headcount Insights measures adoption against: the catalog's `User` entities.
struct CatalogPeople: PeopleDirectory {
    let reader: EntityReader

    func headcount() async throws -> Int {
        try await reader.count(EntityQuery(filter: EntityFilter.allOf([(key: "kind", values: ["user"])])))
    }
}
