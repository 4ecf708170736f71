import Catalog
import FoyerCore
import Insights
import Web

/// The modules this binary serves, in the order their migrations run; throws when the page templates are broken.
func registeredModules() throws -> [any FoyerModule] {
    [CoreModule(), CatalogModule(), InsightsModule(people: WebModule.headcount), try WebModule()]
}
