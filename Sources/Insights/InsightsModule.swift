import Foundation
import FoyerCore
import Hummingbird
import ServiceLifecycle
import SQLKit

/// Usage analytics as a Foyer module: events in Backstage's analytics shape, rollups, adoption KPIs.
public struct InsightsModule: FoyerModule {
    /// Where the headcount comes from, given the server's environment.
    let directory: @Sendable (ModuleEnvironment) -> any PeopleDirectory

    public init(people: @escaping @Sendable (ModuleEnvironment) -> any PeopleDirectory) {
        directory = people
    }

    /// The people directory with the configured licensed-user count applied.
    func people(_ environment: ModuleEnvironment) -> any PeopleDirectory {
        ConfiguredPeople(directory(environment), configuration: environment.configuration)
    }

    public var name: String { "insights" }
    public var migrations: [Migration] { InsightsSchema.migrations }

    public func holdsData(environment: ModuleEnvironment) async throws -> Bool {
        try await environment.database.sql.select().column("event_id").from("insights_events").limit(1).first() != nil
    }

    /// Six months of synthetic activity by the demo organisation's people (loaded after the catalog's part).
    public func loadDemo(environment: ModuleEnvironment) async throws -> String? {
        let users = try await people(environment).users(limit: 500)
        guard !users.isEmpty else { return nil }
        let events = DemoActivity(users: users, today: Day(epochMillis: EpochMillis.now().value)).events()
        let store = EventStore(database: environment.database)
        for batch in events.chunked(1000) { _ = try await store.ingest(batch) }
        return "\(events.count) usage events by \(users.count) people over six months"
    }

    public var bodyLimits: [String: Int] { ["/api/insights/events": EventsController.maxBodyBytes] }

    public func registerRoutes(on router: Router<FoyerRequestContext>, environment: ModuleEnvironment) {
        let database = environment.database
        EventsController(store: EventStore(database: database)).register(on: router)
        KPIController(kpis: KPIStore(database: database), people: people(environment)).register(on: router)
        ExclusionController(exclusions: ExclusionStore(database: database)).register(on: router)
        ExportController(store: EventStore(database: database),
                         pseudonyms: Pseudonyms(key: environment.configuration.insightsPseudonymKey)).register(on: router)
    }

    public func services(environment: ModuleEnvironment) -> [any Service] {
        let retention = EventRetention(store: EventStore(database: environment.database), days: environment.configuration.insightsRetentionDays,
                                       logger: environment.logger)
        // Daily; the first sweep waits until the server is well up (and never runs when it fails to start).
        return [LeasedJob(name: "insights-retention", leases: LeaseStore(database: environment.database), interval: .seconds(86_400),
                          firstDelay: .seconds(60), leaseDuration: .seconds(86_400)) { await retention.sweep(now: EpochMillis.now().value) },
                ActivitySaver(database: environment.database, interval: .seconds(60), logger: environment.logger)]
    }
}
