import Catalog
import Foundation
import FoyerCore
import Hummingbird
import Insights
import ServiceLifecycle

/// Feature unlocking, learning paths and onboarding as a Foyer module.
public struct AdoptionModule: FoyerModule {
    /// Registers the demo learning paths as a catalog location.
    public let catalog: CatalogModule
    public let builtInFeatures: [Feature]
    /// How often the background sync runs.
    let syncInterval: Duration

    /// The descriptor kinds this module adds to the catalog, validated as it reads them.
    public static let customKinds: [any CustomKindValidator] = [FeatureKind(), LearningPathKind()]

    /// Throws when the bundled feature set does not parse (a broken build).
    public init(catalog: CatalogModule, syncInterval: Duration = .seconds(60)) throws {
        self.catalog = catalog
        self.syncInterval = syncInterval
        builtInFeatures = try BuiltInFeatures.load()
    }

    public var name: String { "adoption" }
    public var migrations: [Migration] { AdoptionSchema.migrations }
    public var navigation: [NavigationEntry] {
        [NavigationEntry(title: "Adoption", path: "/adoption", order: 40), NavigationEntry(title: "Learn", path: "/learn", order: 45)]
    }

    public func engine(_ environment: ModuleEnvironment) -> AdoptionEngine {
        AdoptionEngine(reader: EntityReader(database: environment.database), builtIn: builtInFeatures, logger: environment.logger)
    }

    public func tracker(_ environment: ModuleEnvironment) -> LearningTracker {
        LearningTracker(engine: engine(environment), store: LearningStore(database: environment.database),
                        history: EventHistory(database: environment.database), accounts: AccountStore(database: environment.database),
                        newUserDays: environment.configuration.adoptionNewUserDays)
    }

    public func registerRoutes(on router: Router<FoyerRequestContext>, environment: ModuleEnvironment) {
        AdoptionController(engine: engine(environment), history: AdoptionHistoryStore(database: environment.database)).register(on: router)
        LearningController(tracker: tracker(environment)).register(on: router)
    }

    public func services(environment: ModuleEnvironment) -> [any Service] {
        let engine = engine(environment)
        let sync = AdoptionSync(engine: engine, tracker: tracker(environment),
                                history: AdoptionHistoryStore(database: environment.database), logger: environment.logger)
        // Soon after start, so a fresh server has a history point and progress at once; not while a
        // location is being stored, so a large ingest is evaluated once it is whole.
        return [LeasedJob(name: "adoption-sync", leases: LeaseStore(database: environment.database), interval: syncInterval,
                          firstDelay: .seconds(3), postponement: .whileStoringLocation(engine.reader)) { await sync.run(now: .now()) }]
    }

    /// Copies the bundled learning paths into the data folder and registers them as a catalog location.
    public func loadDemo(environment: ModuleEnvironment) async throws -> String? {
        guard let bundled = Bundle.module.url(forResource: "learning", withExtension: nil) else {
            throw FoyerError(.internalError, "the demo learning paths are missing from this build")
        }
        let catalog = catalog.service(environment)
        try await catalog.registerBundledFolder(bundled, as: "demo-learning", dataDir: environment.configuration.dataDir)
        let paths = try await catalog.reader.count(EntityQuery(filter: .allOf([("kind", ["learningpath"])])))
        return "\(paths) learning paths"
    }
}
