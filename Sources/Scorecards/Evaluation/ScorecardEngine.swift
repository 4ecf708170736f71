import Catalog
import EntityRules
import FoyerCore
import Logging

/// Everything scorecards know about one catalog version.
public struct ScorecardState: Sendable {
    public let stamp: CatalogStamp
    public let snapshot: ScorecardSnapshot
    /// Descriptors left out of the evaluation and why (e.g. a track whose check was removed).
    public let problems: [String]
    public let evaluation: Duration
}

/// Evaluates every check on every entity when the catalog changed since the last evaluation, else
/// answers from memory; concurrent callers share one evaluation.
public struct ScorecardEngine: Sendable {
    public let reader: EntityReader
    public let builtIn: BuiltInScorecards
    let logger: Logger?

    public init(reader: EntityReader, builtIn: BuiltInScorecards, logger: Logger? = nil) {
        self.reader = reader
        self.builtIn = builtIn
        self.logger = logger
        CatalogScans.shared.register(evaluation, on: reader.database)
    }

    public func current() async throws -> ScorecardState {
        try await CatalogScans.shared.state(of: evaluation, at: try await reader.version(), reader: reader)
    }

    /// Shares its read of the catalog with the other modules' evaluations.
    var evaluation: CatalogEvaluation<ScorecardState> {
        CatalogEvaluation(name: "scorecards") { stamp in try await pass(stamp) }
    }

    /// Reads checks, tracks and campaigns, then evaluates them on every entity as the scan reads it.
    func pass(_ stamp: CatalogStamp) async throws -> ScanPass<ScorecardSnapshot.Part, ScorecardState> {
        let clock = ContinuousClock()
        let started = clock.now
        let descriptors = try await reader.entities(EntityQuery(filter: .allOf([("kind", ["check", "track", "campaign"])])), offset: 0, limit: nil)
        var checks = Dictionary(builtIn.checks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var tracks = Dictionary(builtIn.tracks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var campaigns: [Campaign] = []
        for descriptor in descriptors {
            // The catalog only stores valid descriptors; one that no longer parses is skipped, not fatal.
            let entity = Entity(document: descriptor.body)
            switch descriptor.ref.kind {
            case "check": if case .success(let check) = Check.parse(entity) { checks[check.name] = check }
            case "track": if case .success(let track) = Track.parse(entity) { tracks[track.name] = track }
            default: if case .success(let campaign) = Campaign.parse(entity) { campaigns.append(campaign) }
            }
        }
        var problems: [String] = []
        let usable = tracks.values.filter { track in
            let missing = track.checkNames.filter { checks[$0] == nil }
            if !missing.isEmpty { problems.append("track \(track.name) names missing checks: \(missing.joined(separator: ", "))") }
            return missing.isEmpty
        }
        var snapshot = ScorecardSnapshot(checks: Array(checks.values), tracks: usable, campaigns: campaigns)
        let empty = snapshot
        return ScanPass(questions: empty.questions, evaluate: { empty.evaluate($0) }, merge: { snapshot.merge($0) }, finish: { [logger] in
            for campaign in snapshot.campaigns where snapshot.coverage(of: campaign) == nil {
                problems.append("campaign \(campaign.name) targets a check or track level that does not exist")
            }
            let state = ScorecardState(stamp: stamp, snapshot: snapshot, problems: problems, evaluation: clock.now - started)
            logger?.info("scorecards evaluated", metadata: [
                "entities": "\(snapshot.entityCount)", "checks": "\(snapshot.checks.count)", "tracks": "\(snapshot.tracks.count)",
                "campaigns": "\(snapshot.campaigns.count)", "evaluation_ms": "\(state.evaluation.milliseconds)"])
            return state
        })
    }
}
