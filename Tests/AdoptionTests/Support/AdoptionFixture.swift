import Adoption
import Catalog
import CatalogTestSupport
import Foundation
import FoyerCore
import FoyerTestSupport
import Insights
import Logging

/// A catalog read from one test file, with the adoption engine and learning tracker over it,
/// on a fresh database of the engine under test.
struct AdoptionFixture {
    let database: Database
    let catalog: CatalogService
    let folder: TestFolder
    let engine: AdoptionEngine
    let tracker: LearningTracker
    let events: EventStore

    /// Replaces the catalog file with `descriptors` and re-reads it; returns the problems found.
    @discardableResult
    func load(_ descriptors: [String]) async throws -> [CatalogProblem] {
        try await CatalogFile(catalog: catalog, folder: folder).load(descriptors)
    }
}

func withAdoption(features: [Feature]? = nil, newUserDays: Int = 90, _ body: (AdoptionFixture) async throws -> Void) async throws {
    try await TestDatabase.with { database in
        let catalogModule = CatalogModule(customKinds: AdoptionModule.customKinds)
        let adoption = try AdoptionModule(catalog: catalogModule)
        let insights = InsightsModule(people: { _ in FixedHeadcount(0) })
        try await Migrator(database: database, migrations: CoreModule().migrations + catalogModule.migrations + insights.migrations + adoption.migrations).migrate()
        var logger = Logger(label: "adoption-test")
        logger.logLevel = .warning
        let reader = DescriptorReader(validator: EntityValidator(customKinds: AdoptionModule.customKinds))
        let catalog = CatalogService(database: database, processor: LocationProcessor(reader: reader), logger: logger)
        let engine = AdoptionEngine(reader: EntityReader(database: database), builtIn: features ?? adoption.builtInFeatures)
        let tracker = LearningTracker(engine: engine, store: LearningStore(database: database), history: EventHistory(database: database),
                                      accounts: AccountStore(database: database), newUserDays: newUserDays)
        try await body(AdoptionFixture(database: database, catalog: catalog, folder: try TestFolder(), engine: engine, tracker: tracker,
                                       events: EventStore(database: database)))
    }
}

/// Descriptor text for the tests, kept short so each test shows its whole catalog.
enum Descriptors {
    static func component(_ name: String, owner: String? = "team-a", annotations: [String: String] = [:], spec: String = "") -> String {
        let annotationLines = annotations.sorted { $0.key < $1.key }.map { "    \($0.key): \"\($0.value)\"" }.joined(separator: "\n")
        return """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: \(name)
            \(annotations.isEmpty ? "" : "  annotations:\n" + annotationLines)
            spec:
              type: service
              lifecycle: production
            \(owner.map { "  owner: \($0)" } ?? "")
            \(spec)
            """
    }

    static func group(_ name: String, parent: String? = nil) -> String {
        "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: \(name)\nspec:\n  type: team\n  children: []\n" + (parent.map { "  parent: \($0)\n" } ?? "")
    }

    static func user(_ name: String, memberOf: [String]) -> String {
        "apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: \(name)\nspec:\n  memberOf: [\(memberOf.joined(separator: ", "))]\n"
    }

    static func feature(_ name: String, appliesTo: String? = nil, rule: String) -> String {
        """
        apiVersion: foyer.dev/v1alpha1
        kind: Feature
        metadata:
          name: \(name)
        spec:
        \(appliesTo.map { "  appliesTo: \($0)" } ?? "")
          unlockedWhen: \(rule)
        """
    }
}

/// A feature from YAML, which must parse (for tests that give the engine its own feature set).
func feature(_ yaml: String) -> Feature {
    let (documents, problems) = DescriptorParser.parse(yaml, file: "feature.yaml")
    precondition(problems.isEmpty, "\(problems)")
    guard case .success(let feature) = Feature.parse(Entity(document: documents[0].document)) else { preconditionFailure("feature does not parse") }
    return feature
}
