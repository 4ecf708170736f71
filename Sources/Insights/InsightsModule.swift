import Foundation
import FoyerCore
import Hummingbird

/// Usage analytics as a Foyer module: events in Backstage's analytics shape, rollups, adoption KPIs.
public struct InsightsModule: FoyerModule {
    /// Where the headcount comes from, given the server's environment.
    let people: @Sendable (ModuleEnvironment) -> any PeopleDirectory

    public init(people: @escaping @Sendable (ModuleEnvironment) -> any PeopleDirectory) {
        self.people = people
    }

    public var name: String { "insights" }
    public var migrations: [Migration] { InsightsSchema.migrations }

    public func registerRoutes(on router: Router<FoyerRequestContext>, environment: ModuleEnvironment) {
        let database = environment.database
        EventsController(store: EventStore(database: database)).register(on: router)
        KPIController(kpis: KPIStore(database: database), people: people(environment)).register(on: router)
        ExclusionController(exclusions: ExclusionStore(database: database)).register(on: router)
    }
}
