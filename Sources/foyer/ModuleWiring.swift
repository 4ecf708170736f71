import Adoption
import Catalog
import Feedback
import FoyerCore
import Insights
import Scorecards
import Web

/// The descriptor kinds modules add to the catalog, validated by the server and by `foyer validate`.
let customKinds = AdoptionModule.customKinds + ScorecardsModule.customKinds + FeedbackModule.customKinds

/// Rules across a location's entities (tracks naming checks that exist); with a database, the
/// catalog's stored entities count too.
func locationChecks(_ database: Database?) throws -> [any LocationCheck] {
    [ScorecardsModule.locationCheck(builtIn: try BuiltInScorecards.load(), database: database)]
}

/// The modules this binary serves, in the order their migrations run; throws when bundled
/// content (page templates, built-in features and checks) is broken.
func registeredModules() throws -> [any FoyerModule] {
    let builtInScorecards = try BuiltInScorecards.load()
    let catalog = CatalogModule(customKinds: customKinds) { [ScorecardsModule.locationCheck(builtIn: builtInScorecards, database: $0)] }
    let adoption = try AdoptionModule(catalog: catalog)
    let scorecards = ScorecardsModule(catalog: catalog, builtIn: builtInScorecards)
    let feedback = FeedbackModule(catalog: catalog)
    return [CoreModule(), catalog, InsightsModule(people: WebModule.headcount), adoption, scorecards, feedback,
            try WebModule(adoption: adoption, scorecards: scorecards, feedback: feedback)]
}
