import Catalog
import EntityRules
import Logging
import FoyerCore

/// Everything adoption knows about one catalog version: unlocks, learning paths, ownership.
public struct AdoptionState: Sendable {
    public let stamp: CatalogStamp
    public let snapshot: AdoptionSnapshot
    /// Sorted by name.
    public let paths: [LearningPath]
    public let owned: OwnedEntityIndex
    /// Totals computed once per version, since the summary asks for them all.
    public let organisation: AdoptionTotals
    public let groups: [GroupTotals]
    /// How long evaluating the catalog took.
    public let evaluation: Duration

    public var features: [Feature] { snapshot.features }
    public func path(_ name: String) -> LearningPath? { paths.first { $0.name == name.lowercased() } }
    public func feature(_ name: String) -> Feature? { features.first { $0.name == name.lowercased() } }
    /// A group's totals with its sub-groups; nil when the catalog has no such group.
    public func group(_ ref: EntityRef) -> AdoptionTotals? { groups.first { $0.ref == ref }?.totals }
}

/// Evaluates the catalog when it has changed since the last evaluation, else answers from memory;
/// concurrent callers for the same version share one evaluation.
public struct AdoptionEngine: Sendable {
    public let reader: EntityReader
    public let builtIn: [Feature]
    let logger: Logger?

    public init(reader: EntityReader, builtIn: [Feature], logger: Logger? = nil) {
        self.reader = reader
        self.builtIn = builtIn
        self.logger = logger
        CatalogScans.shared.register(evaluation, on: reader.database)
    }

    /// The state for the catalog as it is now.
    public func current() async throws -> AdoptionState {
        try await CatalogScans.shared.state(of: evaluation, at: try await reader.version(), reader: reader)
    }

    /// Shares its read of the catalog with the other modules' evaluations.
    var evaluation: CatalogEvaluation<AdoptionState> {
        CatalogEvaluation(name: "adoption") { stamp in try await pass(stamp) }
    }

    /// Reads features and paths, then evaluates them on every entity as the scan reads it.
    func pass(_ stamp: CatalogStamp) async throws -> ScanPass<(AdoptionSnapshot.Part, [StoredEntity]), AdoptionState> {
        let clock = ContinuousClock()
        let started = clock.now
        let descriptors = try await reader.entities(EntityQuery(filter: .allOf([("kind", ["feature", "learningpath"])])), offset: 0, limit: nil)
        var features = Dictionary(builtIn.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var paths: [LearningPath] = []
        for descriptor in descriptors {
            let entity = Entity(document: descriptor.body)
            switch descriptor.ref.kind {
            case "feature":
                // The catalog only stores valid descriptors; one that no longer parses is skipped, not fatal.
                if case .success(let feature) = Feature.parse(entity) { features[feature.name] = feature }
            default:
                if case .success(let path) = LearningPath.parse(entity) { paths.append(path) }
            }
        }
        paths.sort { $0.name < $1.name }
        var snapshot = AdoptionSnapshot(features: Array(features.values))
        var owned = OwnedEntityIndex(paths: paths)
        let sorted = snapshot.features
        // Learning's owned-entity rules are few and run as each batch is merged.
        return ScanPass(questions: AdoptionSnapshot.questions(sorted), evaluate: { batch in
            (AdoptionSnapshot.evaluate(batch), Array(batch.entities))
        }, merge: { evaluated in
            snapshot.merge(evaluated.0)
            owned.add(evaluated.1)
        }, finish: { [logger] in
            let state = AdoptionState(stamp: stamp, snapshot: snapshot, paths: paths, owned: owned, organisation: snapshot.organisation,
                                      groups: snapshot.groupTotals(), evaluation: clock.now - started)
            logger?.info("adoption evaluated", metadata: [
                "entities": "\(snapshot.entityCount)", "features": "\(snapshot.features.count)", "paths": "\(paths.count)",
                "evaluation_ms": "\(state.evaluation.milliseconds)"])
            return state
        })
    }
}
