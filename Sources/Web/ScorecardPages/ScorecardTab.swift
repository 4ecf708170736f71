import Catalog
import EntityRules
import Scorecards

/// The entity page's Scorecard tab: each track that applies, the level reached, and every check
/// with its result, message and how to fix it.
struct ScorecardTab: EntityTab {
    let templates: TemplateLibrary
    let scorecards: ScorecardService

    var id: String { "scorecard" }
    var title: String { "Scorecard" }

    func applies(to entity: Entity) -> Bool {
        !["location", "user", "group"].contains(entity.kind.lowercased()) && !Scope.descriptorKinds.contains(entity.kind.lowercased())
    }

    struct CheckLine {
        let title: String
        let result: String
        let resultClass: String
        let message: String?
        let about: String?
    }

    struct TrackLine {
        let title: String
        let url: String
        let level: String
        let levelIndex: Int
        let levelCount: Int
        let checks: [CheckLine]
    }

    struct View {
        let tracks: [TrackLine]
        let entityRef: String
    }

    func render(entity: StoredEntity, viewer: EntityRef?, admin: Bool) async throws -> String {
        let (snapshot, exemptions) = try await scorecards.current()
        let scorecard = EntityScorecard(entity.ref, snapshot: snapshot, exemptions: exemptions)
        let view = View(tracks: scorecard.tracks.map { line in
            TrackLine(title: line.track.title, url: "/scorecards/tracks/\(HTMLText.queryEscape(line.track.name))", level: line.levelName ?? "no level yet",
                      levelIndex: line.levelIndex, levelCount: line.track.levels.count,
                      checks: line.checks.map { check in
                          CheckLine(title: check.check.title, result: check.result.rawValue, resultClass: "result-\(check.result.rawValue)",
                                    message: check.message, about: check.check.description)
                      })
        }, entityRef: entity.ref.description)
        return templates.render(view, template: "scorecard-tab")
    }
}
