import Adoption
import Catalog
import EntityRules
import FoyerCore
import Hummingbird
import Insights

/// `GET /adoption`: the organisation's feature adoption, a features × teams matrix and its trend.
struct FeatureAdoptionPage: Sendable {
    let site: Site

    struct FeatureRow {
        let name: String
        let title: String
        let description: String?
        let unlocked: Int
        let applicable: Int
        let percent: String
        let learnURL: String?
    }

    struct Cell {
        let percent: String
        let detail: String
        let level: String
    }

    struct TeamRow {
        let team: EntityLink
        let percent: String
        let entities: Int
        let cells: [Cell]
    }

    struct HistoryRow {
        let day: String
        let percent: String
        let unlocked: Int
        let applicable: Int
    }

    struct Content {
        let percent: String
        let entities: Int
        let unlocked: Int
        let applicable: Int
        let features: [FeatureRow]
        let featureTitles: [String]
        let teams: [TeamRow]
        let trendSVG: String
        let history: [HistoryRow]
    }

    func register(on router: Router<FoyerRequestContext>) {
        router.get("adoption") { request, context in try await show(request, context) }
    }

    func show(_ request: Request, _ caller: FoyerRequestContext) async throws -> Response {
        let state = try await site.adoption.current()
        let organisation = state.organisation
        let applicableFeatures = state.features.filter { feature in organisation.features.contains { $0.feature == feature.name } }
        let features = applicableFeatures.map { feature -> FeatureRow in
            let totals = organisation.features.first { $0.feature == feature.name }!
            return FeatureRow(name: feature.name, title: feature.title, description: feature.description, unlocked: totals.unlocked,
                              applicable: totals.applicable, percent: PercentText.text(totals.percent),
                              learnURL: feature.learningPath.map { "/learn/\(HTMLText.queryEscape($0))" })
        }
        let titles = try await site.titledLinks(state.groups.map(\.ref))
        let teams = state.groups.compactMap { group -> TeamRow? in
            guard group.totals.entities > 0 else { return nil }
            let cells = applicableFeatures.map { feature -> Cell in
                guard let totals = group.totals.features.first(where: { $0.feature == feature.name }) else {
                    return Cell(percent: "–", detail: "does not apply", level: "none")
                }
                return Cell(percent: PercentText.text(totals.percent), detail: "\(totals.unlocked) of \(totals.applicable)", level: Self.level(totals.percent))
            }
            return TeamRow(team: titles[group.ref] ?? EntityLink(group.ref), percent: PercentText.text(group.totals.percent),
                           entities: group.totals.entities, cells: cells)
        }
        let points = try await site.adoptionHistory.history(scope: AdoptionHistoryStore.organisation, since: Day(epochMillis: EpochMillis.now().value).number - 180)
        let chartPoints = points.compactMap { point in
            Percent.of(point.unlocked, point.applicable).map { PercentChart.Point(day: Day(point.day), percent: $0) }
        }
        let content = Content(
            percent: PercentText.text(organisation.percent), entities: organisation.entities, unlocked: organisation.unlocked,
            applicable: organisation.applicable, features: features, featureTitles: applicableFeatures.map(\.title), teams: teams,
            trendSVG: PercentChart.svg(chartPoints, label: "Features unlocked across the organisation"),
            history: points.suffix(14).reversed().map { point in
                HistoryRow(day: Day(point.day).description, percent: PercentText.text(Percent.of(point.unlocked, point.applicable)),
                           unlocked: point.unlocked, applicable: point.applicable)
            })
        let context = try await site.context(for: request, caller)
        return site.renderer.response(Page(title: "Feature adoption", template: "adoption", content: content), context: context)
    }

    /// A coarse band for colouring a matrix cell.
    static func level(_ percent: Double?) -> String {
        switch percent ?? 0 {
        case 75...: "high"
        case 40..<75: "medium"
        default: "low"
        }
    }
}
