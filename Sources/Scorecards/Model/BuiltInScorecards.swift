import Catalog
import EntityRules
import Foundation

/// Foyer's starter checks and production-readiness track (`BuiltIn/scorecards.yaml`), which the
/// catalog may override by name.
public struct BuiltInScorecards: Sendable {
    public let checks: [Check]
    public let tracks: [Track]

    public init(checks: [Check], tracks: [Track]) {
        self.checks = checks
        self.tracks = tracks
    }

    /// Parses the bundled file; a problem in it is a bug in this build.
    public static func load() throws -> BuiltInScorecards {
        let url = Bundle.module.url(forResource: "scorecards", withExtension: "yaml", subdirectory: "BuiltIn")
        var checks: [Check] = [], tracks: [Track] = []
        for (entity, line) in try BundledDescriptors.entities(at: url, name: "scorecards.yaml") {
            if entity.kind == "Check" {
                checks.append(try BundledDescriptors.require(Check.parse(entity), name: "scorecards.yaml", line: line))
            } else {
                tracks.append(try BundledDescriptors.require(Track.parse(entity), name: "scorecards.yaml", line: line))
            }
        }
        return BuiltInScorecards(checks: checks, tracks: tracks)
    }

    /// The names of the built-in checks, which tracks may name.
    public var checkNames: Set<String> { Set(checks.map(\.name)) }
}
