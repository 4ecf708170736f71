import Catalog
import FoyerCore

/// A track must name checks that exist: built in, in the same location, or already in the catalog.
/// (A campaign's target is checked when it is evaluated, since its track may arrive later.)
public struct TrackReferences: LocationCheck {
    public let builtIn: Set<String>
    /// Names of the `Check` entities stored in the catalog; nil offline (`foyer validate`).
    public let stored: (@Sendable () async -> Set<String>)?

    public var kinds: Set<String> { ["track", "check"] }

    public init(builtIn: Set<String>, stored: (@Sendable () async -> Set<String>)?) {
        self.builtIn = builtIn
        self.stored = stored
    }

    public func problems(in entities: [ProcessedEntity]) async -> [(index: Int, problem: FieldProblem)] {
        let tracks = entities.indices.filter { entities[$0].entity.kind.lowercased() == "track" }
        guard !tracks.isEmpty else { return [] }
        var known = builtIn
        known.formUnion(entities.filter { $0.entity.kind.lowercased() == "check" }.map { $0.entity.name.lowercased() })
        var fetched = false
        var problems: [(index: Int, problem: FieldProblem)] = []
        for index in tracks {
            guard case .success(let track) = Track.parse(entities[index].entity) else { continue }
            var missing = track.checkNames.filter { !known.contains($0) }
            if !missing.isEmpty, !fetched, let stored {
                known.formUnion(await stored())
                fetched = true
                missing = track.checkNames.filter { !known.contains($0) }
            }
            for (levelIndex, level) in track.levels.enumerated() {
                for (checkIndex, check) in level.checks.enumerated() where missing.contains(check) {
                    problems.append((index, FieldProblem("spec.levels[\(levelIndex)].checks[\(checkIndex)]", "there is no check named '\(check)'")))
                }
            }
        }
        return problems
    }
}
