import Catalog
import CatalogTestSupport
import Foundation
import FoyerCore
import FoyerTestSupport
import Logging
import Scorecards

/// A catalog read from one test file, with the scorecard service over it, on a fresh database of
/// the engine under test. Built-in checks are left out unless asked for, so each test's catalog is whole.
struct ScorecardFixture {
    let database: Database
    let catalog: CatalogService
    let folder: TestFolder
    let service: ScorecardService

    /// Replaces the catalog file with `descriptors` and re-reads it; returns the problems found.
    @discardableResult
    func load(_ descriptors: [String]) async throws -> [CatalogProblem] {
        try await CatalogFile(catalog: catalog, folder: folder).load(descriptors)
    }
}

func withScorecards(builtIn: BuiltInScorecards = BuiltInScorecards(checks: [], tracks: []), _ body: (ScorecardFixture) async throws -> Void) async throws {
    try await TestDatabase.with { database in
        let catalogModule = CatalogModule(customKinds: ScorecardsModule.customKinds)
        let module = ScorecardsModule(catalog: catalogModule, builtIn: builtIn)
        try await Migrator(database: database, migrations: CoreModule().migrations + catalogModule.migrations + module.migrations).migrate()
        var logger = Logger(label: "scorecards-test")
        logger.logLevel = .warning
        let reader = DescriptorReader(validator: EntityValidator(customKinds: ScorecardsModule.customKinds))
        let processor = LocationProcessor(reader: reader, checks: [ScorecardsModule.locationCheck(builtIn: builtIn, database: database)])
        let catalog = CatalogService(database: database, processor: processor, logger: logger)
        let service = ScorecardService(engine: ScorecardEngine(reader: EntityReader(database: database), builtIn: builtIn),
                                       exemptions: ExemptionStore(database: database), history: ScorecardHistoryStore(database: database))
        try await body(ScorecardFixture(database: database, catalog: catalog, folder: try TestFolder(), service: service))
    }
}

/// The hand-computed catalog: five components over four checks and a three-level track.
///
/// | entity | type | owner | owned | docs | k8s (services) | oncall | level |
/// | a | service | team-a | ✓ | ✓ | ✓ | ✓ | Gold (3) |
/// | b | website | team-a | ✓ | ✓ | n/a | ✗ | Silver (2) |
/// | c | service | team-b | ✓ | ✗ | ✓ | ✓ | Bronze (1): failed docs cap a passing Gold |
/// | d | service | user:dan | ✗ (a person) | ✓ | ✓ | ✗ | none (0) |
/// | e | website | team-b | ✓ | ✗ | n/a | ✗ | Bronze (1) |
enum ScorecardCatalog {
    static func check(_ name: String, appliesTo: String, rule: String) -> String {
        """
        apiVersion: foyer.dev/v1alpha1
        kind: Check
        metadata: { name: \(name), title: "Check \(name)" }
        spec:
          appliesTo: '\(appliesTo)'
          rule: \(rule)
          passedMessage: \(name) passed
          failedMessage: fix \(name)
        """
    }

    static func component(_ name: String, type: String, owner: String?, annotations: [String]) -> String {
        let lines = annotations.map { "    \($0): x" }.joined(separator: "\n")
        return """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: \(name)
            \(annotations.isEmpty ? "" : "  annotations:\n" + lines)
            spec:
              type: \(type)
              lifecycle: production
            \(owner.map { "  owner: \($0)" } ?? "")
            """
    }

    static let docs = "backstage.io/techdocs-ref", k8s = "backstage.io/kubernetes-id", oncall = "pagerduty.com/service-id"

    static let track = """
        apiVersion: foyer.dev/v1alpha1
        kind: Track
        metadata: { name: ready, title: Ready }
        spec:
          appliesTo: kind=component
          levels:
            - { name: Bronze, checks: [owned] }
            - { name: Silver, checks: [docs, k8s] }
            - { name: Gold, checks: [oncall] }
        """

    static func campaign(_ name: String, appliesTo: String, target: String, start: String = "2026-11-01", deadline: String = "2027-01-31") -> String {
        """
        apiVersion: foyer.dev/v1alpha1
        kind: Campaign
        metadata: { name: \(name) }
        spec:
          owner: group:default/team-a
          appliesTo: '\(appliesTo)'
          target: \(target)
          startDate: "\(start)"
          deadline: "\(deadline)"
        """
    }

    static let descriptors = [
        "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: team-a, description: Payments }\nspec: { type: team, children: [] }",
        "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: team-b }\nspec: { type: team, children: [] }",
        "apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: { name: bea }\nspec: { memberOf: [team-b] }",
        check("owned", appliesTo: "kind=component", rule: "{ all: [{ fact: spec.owner, operator: exists }, { not: { fact: spec.owner, operator: matches, value: 'user:.*' } }] }"),
        check("described", appliesTo: "kind=group", rule: "{ fact: metadata.description, operator: exists }"),
        check("docs", appliesTo: "kind=component", rule: "{ fact: metadata.annotations.\(docs), operator: exists }"),
        check("k8s", appliesTo: "kind=component,spec.type=service", rule: "{ fact: metadata.annotations.\(k8s), operator: exists }"),
        check("oncall", appliesTo: "kind=component", rule: "{ fact: metadata.annotations.\(oncall), operator: exists }"),
        track,
        component("a", type: "service", owner: "team-a", annotations: [docs, k8s, oncall]),
        component("b", type: "website", owner: "team-a", annotations: [docs]),
        component("c", type: "service", owner: "team-b", annotations: [k8s, oncall]),
        component("d", type: "service", owner: "user:dan", annotations: [docs, k8s]),
        component("e", type: "website", owner: "team-b", annotations: []),
        campaign("docs-everywhere", appliesTo: "kind=component", target: "{ check: docs }"),
        campaign("services-silver", appliesTo: "kind=component,spec.type=service", target: "{ track: ready, level: Silver }"),
        campaign("teams-described", appliesTo: "kind=group", target: "{ check: described }"),
    ]

    static func ref(_ name: String) -> EntityRef { EntityRef(kind: "component", namespace: "default", name: name) }
}
