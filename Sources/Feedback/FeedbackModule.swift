import Catalog
import FoyerCore
import Hummingbird

/// Ratings and comments on entities, and portal surveys kept as code (`kind: Survey`), as a Foyer module.
public struct FeedbackModule: FoyerModule {
    /// The descriptor kinds this module adds to the catalog.
    public static let customKinds: [any CustomKindValidator] = [SurveyKind()]

    public init() {}

    public var name: String { "feedback" }
    public var migrations: [Migration] { FeedbackSchema.migrations }

    public func service(_ environment: ModuleEnvironment) -> FeedbackService {
        FeedbackService(database: environment.database, newUserDays: environment.configuration.adoptionNewUserDays)
    }

    public func registerRoutes(on router: Router<FoyerRequestContext>, environment: ModuleEnvironment) {
        FeedbackController(service: service(environment)).register(on: router)
    }
}
