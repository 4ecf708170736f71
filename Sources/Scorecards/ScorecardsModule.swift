import Catalog
import Foundation
import FoyerCore
import Hummingbird
import ServiceLifecycle

/// Checks, tracks of levels, campaigns and exemptions as a Foyer module.
public struct ScorecardsModule: FoyerModule {
    /// Registers the demo campaigns as a catalog location.
    public let catalog: CatalogModule
    public let builtIn: BuiltInScorecards
    let syncInterval: Duration

    /// The descriptor kinds this module adds to the catalog.
    public static let customKinds: [any CustomKindValidator] = ScorecardKind.all

    public init(catalog: CatalogModule, builtIn: BuiltInScorecards, syncInterval: Duration = .seconds(60)) {
        self.catalog = catalog
        self.syncInterval = syncInterval
        self.builtIn = builtIn
    }

    /// The cross-entity check the catalog runs on every location: tracks must name existing checks.
    public static func locationCheck(builtIn: BuiltInScorecards, database: Database?) -> any LocationCheck {
        TrackReferences(builtIn: builtIn.checkNames, stored: database.map { database in
            { @Sendable in
                let checks = try? await EntityReader(database: database).entities(EntityQuery(filter: .allOf([("kind", ["check"])])), offset: 0, limit: nil)
                return Set((checks ?? []).map(\.ref.name))
            }
        })
    }

    public var name: String { "scorecards" }
    public var migrations: [Migration] { ScorecardSchema.migrations }
    public var navigation: [NavigationEntry] { [NavigationEntry(title: "Scorecards", path: "/scorecards", order: 42)] }

    public func service(_ environment: ModuleEnvironment) -> ScorecardService {
        ScorecardService(engine: ScorecardEngine(reader: EntityReader(database: environment.database), builtIn: builtIn, logger: environment.logger),
                         exemptions: ExemptionStore(database: environment.database), history: ScorecardHistoryStore(database: environment.database))
    }

    public func registerRoutes(on router: Router<FoyerRequestContext>, environment: ModuleEnvironment) {
        ScorecardController(service: service(environment)).register(on: router)
    }

    public func services(environment: ModuleEnvironment) -> [any Service] {
        let service = service(environment)
        let sync = ScorecardSync(engine: service.engine, exemptions: service.exemptions, history: service.history, logger: environment.logger)
        // Not while a location is being stored: a large ingest is evaluated once it is whole.
        return [LeasedJob(name: "scorecards-sync", leases: LeaseStore(database: environment.database), interval: syncInterval,
                          firstDelay: .seconds(4), postponement: .whileStoringLocation(service.engine.reader)) { await sync.run(now: .now()) }]
    }

    /// Two campaigns dated around today (one on track, one late) and a month of believable history.
    public func loadDemo(environment: ModuleEnvironment) async throws -> String? {
        let today = Day(epochMillis: EpochMillis.now().value)
        try await catalog.service(environment).registerGeneratedFile(DemoCampaigns.yaml(today: today), as: "demo-scorecards",
                                                                    dataDir: environment.configuration.dataDir)
        let service = service(environment)
        let counts = ScorecardSync.counts(ScorecardAnswers(state: try await service.engine.current(), exemptions: .none))
        for (day, dayCounts) in DemoCampaigns.history(today: today, current: counts) {
            try await service.history.save(day: day.number, counts: dayCounts)
        }
        return "2 campaigns"
    }
}
