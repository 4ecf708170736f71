import Catalog
import FoyerCore
import Hummingbird

/// Ratings and comments on entities, and portal surveys kept as code (`kind: Survey`), as a Foyer module.
public struct FeedbackModule: FoyerModule {
    /// Registers the demo surveys as a catalog location.
    public let catalog: CatalogModule

    /// The descriptor kinds this module adds to the catalog.
    public static let customKinds: [any CustomKindValidator] = [SurveyKind()]

    public init(catalog: CatalogModule) { self.catalog = catalog }

    public var name: String { "feedback" }
    public var migrations: [Migration] { FeedbackSchema.migrations }

    public func service(_ environment: ModuleEnvironment) -> FeedbackService {
        FeedbackService(database: environment.database, newUserDays: environment.configuration.adoptionNewUserDays,
                        thumbs: environment.configuration.feedbackThumbs,
                        reasons: environment.configuration.feedbackReasons.isEmpty ? nil : environment.configuration.feedbackReasons)
    }

    public func registerRoutes(on router: Router<FoyerRequestContext>, environment: ModuleEnvironment) {
        FeedbackController(service: service(environment)).register(on: router)
    }

    public func holdsData(environment: ModuleEnvironment) async throws -> Bool {
        let rated = try await environment.database.sql.raw("SELECT id FROM feedback_ratings LIMIT 1").first() != nil
        let answered = try await environment.database.sql.raw("SELECT id FROM feedback_survey_responses LIMIT 1").first() != nil
        return rated || answered
    }

    /// Two surveys open around today with synthetic answers, and ratings on a third of the components.
    public func loadDemo(environment: ModuleEnvironment) async throws -> String? {
        let today = Day(epochMillis: EpochMillis.now().value)
        try await catalog.service(environment).registerGeneratedFile(DemoFeedback.surveys(today: today), as: "demo-feedback",
                                                                    dataDir: environment.configuration.dataDir)

        let service = service(environment)
        let reader = service.reader
        let people = try await reader.entities(EntityQuery(filter: .allOf([("kind", ["user"])])), offset: 0, limit: nil).map(\.ref.description).sorted()
        let components = try await reader.entities(EntityQuery(filter: .allOf([("kind", ["component"])])), offset: 0, limit: nil).map(\.ref)
            .sorted { $0.description < $1.description }
        let surveys = try await service.surveys()
        let responses = DemoFeedback.responses(people: people, today: today)
        for (name, response) in responses {
            guard let survey = surveys.first(where: { $0.name == name }) else { continue }
            try await service.responses.record(response, to: survey)
        }
        let ratings = DemoFeedback.ratings(components: components, people: people, today: today)
        for rating in ratings { try await service.ratings.rate(rating) }
        return "\(surveys.count) surveys, \(responses.count) responses, \(ratings.count) ratings"
    }
}
