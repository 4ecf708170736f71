import Adoption
import Catalog
import FoyerCore
import Insights
import Web

/// The descriptor kinds modules add to the catalog, validated by the server and by `foyer validate`.
let customKinds = AdoptionModule.customKinds

/// The modules this binary serves, in the order their migrations run; throws when bundled
/// content (page templates, built-in features) is broken.
func registeredModules() throws -> [any FoyerModule] {
    let catalog = CatalogModule(customKinds: customKinds)
    let adoption = try AdoptionModule(catalog: catalog)
    return [CoreModule(), catalog, InsightsModule(people: WebModule.headcount), adoption, try WebModule(adoption: adoption)]
}
