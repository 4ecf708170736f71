import Catalog
import Foundation
import FoyerCore
import Hummingbird
import Insights

/// `GET /insights`: adoption KPIs for a date range: tiles, active users over time, retention
/// cohorts as a heat map, top pages, plugins, entities, templates and searches, each with its CSV.
struct InsightsDashboard: Sendable {
    let site: Site
    let kpis: KPIStore
    let people: any PeopleDirectory

    static let defaultDays = 90
    static let topLimit = 10

    struct Tile { let label: String; let value: String; let hint: String }
    struct Row { let period: String; let active: Int; let new: Int; let returning: Int }
    struct HeatCell { let value: String; let level: Int; let label: String }
    struct CohortRow { let week: String; let size: Int; let cells: [HeatCell] }
    struct TopRow { let key: String; let url: String?; let events: Int; let users: Int }
    struct TopTable { let title: String; let id: String; let rows: [TopRow]; let csvURL: String; let empty: String }

    struct Dashboard {
        let from: String
        let to: String
        let groupings: [SelectOption]
        let tiles: [Tile]
        let chartSVG: String
        let periods: [Row]
        let activeCSV: String
        let cohorts: [CohortRow]
        let weekHeaders: [String]
        let retentionCSV: String
        let tables: [TopTable]
    }

    func register(on router: Router<FoyerRequestContext>) {
        router.get("insights") { request, context in try await show(request, context) }
    }

    func show(_ request: Request, _ caller: FoyerRequestContext) async throws -> Response {
        let parameters = QueryParameters(request.uri.query)
        let today = Day(epochMillis: EpochMillis.now().value)
        let range = try DayRange(from: parameters.first("from") ?? (today + -(Self.defaultDays - 1)).description,
                                 to: parameters.first("to") ?? today.description)
        let grouping = try Grouping.parse(parameters.first("grouping"), fallback: .week)
        let periods = try await kpis.activeUsers(range, grouping: grouping)
        let summary = try await kpis.summary(range, headcount: try await people.headcount())
        let cohorts = try await kpis.retention(range)
        var tables: [TopTable] = []
        for (dimension, title, empty) in Self.tableDimensions {
            let rows = try await kpis.top(dimension, range: range, limit: Self.topLimit).map { item in
                TopRow(key: item.key, url: Self.link(for: item.key, dimension: dimension), events: item.events, users: item.users)
            }
            tables.append(TopTable(title: title, id: dimension.rawValue, rows: rows, csvURL: Self.api("top", range, ["dimension": dimension.rawValue]), empty: empty))
        }
        let dashboard = Dashboard(
            from: range.from.description, to: range.to.description,
            groupings: SelectOption.list(Grouping.allCases.map(\.rawValue), selected: grouping.rawValue),
            tiles: Self.tiles(summary) + (await feedbackTiles(now: EpochMillis.now().value)), chartSVG: ActivityChart.svg(periods, grouping: grouping),
            periods: periods.map { Row(period: $0.period.description, active: $0.activeUsers, new: $0.newUsers, returning: $0.returningUsers) },
            activeCSV: Self.api("active-users", range, ["grouping": grouping.rawValue]),
            cohorts: cohorts.map(Self.row), weekHeaders: (0..<(cohorts.map(\.retained.count).max() ?? 0)).map { "W+\($0)" },
            retentionCSV: Self.api("retention", range, [:]), tables: tables)
        let context = try await site.context(for: request, caller)
        return site.renderer.response(Page(title: "Insights", template: "insights", content: dashboard), context: context)
    }

    /// What people say, next to what they do: the portal's NPS and the average rating of catalog pages.
    /// A failure costs only these tiles, never the dashboard.
    func feedbackTiles(now: Int64) async -> [Tile] {
        do {
            return try await feedbackTilesOrFail(now: now)
        } catch {
            site.catalog.logger.warning("could not read the feedback tiles", metadata: ["error": "\(error)"])
            return []
        }
    }

    private func feedbackTilesOrFail(now: Int64) async throws -> [Tile] {
        var tiles: [Tile] = []
        if let survey = try await site.feedback.portalSurvey(at: now) {
            let results = try await site.feedback.results(of: survey.name)
            tiles.append(Tile(label: "Portal NPS", value: results.nps.map { String(format: "%.1f", $0) } ?? "–",
                              hint: "\(results.responses) responses to “\(survey.title)”"))
        }
        let (average, count) = try await site.feedback.ratings.overall()
        tiles.append(Tile(label: "Average rating", value: average.map { String(format: "%.1f", $0) } ?? "–",
                          hint: "\(count) people's current ratings of catalog pages, 1 to 5"))
        return tiles
    }

    static let tableDimensions: [(TopDimension, String, String)] = [
        (.pages, "Top pages", "No page views in this range."),
        (.plugins, "Top plugins", "No plugin activity in this range."),
        (.entities, "Top entities", "No entity activity in this range."),
        (.templates, "Top templates", "No template was used in this range."),
        (.searches, "Top searches", "Nobody searched in this range."),
        (.zeroResultSearches, "Searches that found nothing", "Every search found something."),
    ]

    static func tiles(_ summary: Summary) -> [Tile] {
        func percent(_ value: Double?) -> String { value.map { String(format: "%.0f %%", $0 * 100) } ?? "—" }
        return [
            Tile(label: "Active users", value: "\(summary.activeUsers)", hint: "people with at least one event in the range"),
            Tile(label: "Average daily active users", value: String(format: "%.1f", summary.averageDailyActiveUsers), hint: "days without activity count as zero"),
            Tile(label: "Stickiness", value: percent(summary.stickiness), hint: "average daily ÷ active users"),
            Tile(label: "Adoption", value: percent(summary.adoption), hint: "active users ÷ \(summary.headcount) people in the catalog"),
            Tile(label: "New users", value: "\(summary.newUsers)", hint: "first event ever in the range"),
            Tile(label: "Events", value: "\(summary.events)", hint: "everything recorded in the range"),
        ]
    }

    static func row(_ cohort: Cohort) -> CohortRow {
        CohortRow(week: cohort.week.description, size: cohort.size, cells: cohort.retained.enumerated().map { index, count in
            let share = Double(count) / Double(cohort.size)
            return HeatCell(value: String(format: "%.0f %%", share * 100), level: Int((share * 10).rounded()),
                            label: "\(count) of \(cohort.size) in week \(index)")
        })
    }

    /// Entity keys link to their pages and page keys to themselves; other keys are plain text.
    static func link(for key: String, dimension: TopDimension) -> String? {
        switch dimension {
        case .entities, .templates: EntityRef.parse(key).map(EntityLinks.path)
        // Only a path of this site: `/\host` or a tab after the slash would lead browsers off-site.
        case .pages: HTMLText.localPath(key) == key ? key : nil
        default: nil
        }
    }

    static func api(_ endpoint: String, _ range: DayRange, _ extra: [String: String]) -> String {
        let pairs = [("from", range.from.description), ("to", range.to.description)] + extra.sorted { $0.key < $1.key } + [("format", "csv")]
        return "/api/insights/\(endpoint)?" + pairs.map { "\($0.0)=\(HTMLText.queryEscape($0.1))" }.joined(separator: "&")
    }
}
