import Catalog
import EntityRules
import FoyerCore
import Hummingbird
import Scorecards

/// `GET /scorecards` (tracks and campaigns), `/scorecards/tracks/{name}`, `/scorecards/campaigns/{name}`.
struct ScorecardPages: Sendable {
    let site: Site

    func register(on router: Router<FoyerRequestContext>) {
        router.get("scorecards") { request, context in try await overview(request, context) }
        router.get("scorecards/tracks/:name") { request, context in try await track(try context.parameters.require("name"), request: request, context) }
        router.get("scorecards/campaigns/:name") { request, context in try await campaign(try context.parameters.require("name"), request: request, context) }
    }

    struct LevelCount {
        let name: String
        let entities: Int
        let percent: String
    }

    struct TrackRow {
        let title: String
        let url: String
        let description: String?
        let levels: [LevelCount]
        let none: Int
    }

    struct CampaignRow {
        let title: String
        let url: String
        let percent: String
        let value: Int
        let deadline: String
        let status: String
        let statusClass: String
    }

    struct Overview {
        let tracks: [TrackRow]
        let campaigns: [CampaignRow]
    }

    func overview(_ request: Request, _ caller: FoyerRequestContext) async throws -> Response {
        let answers = try await site.scorecards.answers()
        let today = Day(epochMillis: EpochMillis.now().value)
        let tracks = answers.snapshot.tracks.map { track in
            let summary = answers.summary(of: track)
            return TrackRow(title: track.title, url: Self.url(track: track), description: track.description,
                            levels: Self.levelCounts(summary), none: summary.none)
        }
        let campaigns = answers.snapshot.campaigns.map { campaign in
            let progress = answers.progress(of: campaign)
            let status = CampaignStatus(campaign: campaign, progress: progress, today: today)
            return CampaignRow(title: campaign.title, url: Self.url(campaign: campaign), percent: PercentText.text(progress.percent),
                               value: Int((progress.percent ?? 0).rounded()), deadline: campaign.deadline.description,
                               status: status.text, statusClass: status.cssClass)
        }
        let context = try await site.context(for: request, caller)
        return site.renderer.response(Page(title: "Scorecards", template: "scorecards", content: Overview(tracks: tracks, campaigns: campaigns)),
                                      context: context)
    }

    struct TeamLevels {
        let team: EntityLink
        let counts: [Int]
        let none: Int
    }

    struct TrackView {
        let title: String
        let description: String?
        let levels: [LevelCount]
        let levelNames: [String]
        let none: Int
        let teams: [TeamLevels]
        let trendSVG: String
        let checks: [CheckRow]
    }

    struct CheckRow {
        let level: String
        let title: String
        let checkAbout: String?
    }

    func track(_ name: String, request: Request, _ caller: FoyerRequestContext) async throws -> Response {
        let (summary, history) = try await site.scorecards.track(name)
        let state = try await site.scorecards.state()
        guard let track = state.snapshot.track(name) else { throw FoyerError.notFound("There is no track named \(name).") }
        let teams = try await site.titledLinks(summary.groups.map(\.group))
        let total = summary.levels.reduce(summary.none) { $0 + $1.entities }
        // The share of entities at any level, day by day.
        let points = history.compactMap { day, counts -> PercentChart.Point? in
            let none = counts["none"] ?? 0
            let all = summary.levels.reduce(none) { $0 + (counts["level:\($1.name)"] ?? 0) }
            return Percent.of(all - none, all).map { PercentChart.Point(day: day, percent: $0) }
        }
        let view = TrackView(
            title: track.title, description: track.description, levels: Self.levelCounts(summary), levelNames: track.levels.map(\.name),
            none: summary.none,
            teams: summary.groups.map { group in
                TeamLevels(team: teams[group.group] ?? EntityLink(group.group), counts: track.levels.map { group.levels[$0.name] ?? 0 }, none: group.none)
            },
            trendSVG: PercentChart.svg(points, label: "Share of the \(total) entities at a level"),
            checks: track.levels.flatMap { level in
                level.checks.map { name in
                    let check = state.snapshot.check(name)
                    return CheckRow(level: level.name, title: check?.title ?? name, checkAbout: check?.description)
                }
            })
        let context = try await site.context(for: request, caller)
        return site.renderer.response(Page(title: track.title, template: "scorecard-track", content: view), context: context)
    }

    // Optional fields have names of their own: a nil one must not show a parent's field of the same name.
    struct OwnerRow {
        let ownerLink: EntityLink?
        let done: Int
        let total: Int
        let percent: String
    }

    struct Remaining {
        let entity: EntityLink
        let entityOwner: EntityLink?
    }

    struct CampaignView {
        let title: String
        let description: String?
        let target: String
        let startDate: String
        let deadline: String
        let done: Int
        let total: Int
        let percent: String
        let value: Int
        let status: String
        let statusClass: String
        let burnUpSVG: String
        let history: [HistoryRow]
        let owners: [OwnerRow]
        let remaining: [Remaining]
        let remainingCount: Int
        let runBy: EntityLink?
    }

    struct HistoryRow {
        let day: String
        let done: Int
    }

    static let remainingLimit = 200

    func campaign(_ name: String, request: Request, _ caller: FoyerRequestContext) async throws -> Response {
        let (campaign, progress, history) = try await site.scorecards.campaign(name)
        let today = Day(epochMillis: EpochMillis.now().value)
        let owners = progress.byOwner.compactMap(\.owner)
        let shown = Array(progress.remaining.prefix(Self.remainingLimit))
        let titles = try await site.titledLinks(owners + shown.map(\.entity) + [campaign.owner].compactMap { $0 })
        let status = CampaignStatus(campaign: campaign, progress: progress, today: today)
        let snapshot = try await site.scorecards.state().snapshot
        let target = switch campaign.target {
        case .check(let check): "the check \(snapshot.check(check)?.title ?? check)"
        case .track(let track, let level): "\(level) in \(snapshot.track(track)?.title ?? track)"
        }
        let view = CampaignView(
            title: campaign.title, description: campaign.description, target: target, startDate: campaign.startDate.description,
            deadline: campaign.deadline.description, done: progress.done, total: progress.total, percent: PercentText.text(progress.percent),
            value: Int((progress.percent ?? 0).rounded()), status: status.text, statusClass: status.cssClass,
            burnUpSVG: BurnUpChart.svg(points: history.map { ($0.day, $0.done) }, total: progress.total, start: campaign.startDate,
                                       deadline: campaign.deadline, today: today),
            history: history.suffix(14).reversed().map { HistoryRow(day: $0.day.description, done: $0.done) },
            owners: progress.byOwner.map { row in
                OwnerRow(ownerLink: row.owner.map { titles[$0] ?? EntityLink($0) }, done: row.done, total: row.total, percent: PercentText.text(row.percent))
            },
            remaining: shown.map { Remaining(entity: titles[$0.entity] ?? EntityLink($0.entity), entityOwner: $0.owner.map { titles[$0] ?? EntityLink($0) }) },
            remainingCount: progress.remaining.count, runBy: campaign.owner.map { titles[$0] ?? EntityLink($0) })
        let context = try await site.context(for: request, caller)
        return site.renderer.response(Page(title: campaign.title, template: "scorecard-campaign", content: view), context: context)
    }

    static func levelCounts(_ summary: TrackSummary) -> [LevelCount] {
        let total = summary.levels.reduce(summary.none) { $0 + $1.entities }
        return summary.levels.map { LevelCount(name: $0.name, entities: $0.entities, percent: PercentText.text(Percent.of($0.entities, total))) }
    }

    static func url(track: Track) -> String { "/scorecards/tracks/\(HTMLText.queryEscape(track.name))" }
    static func url(campaign: Campaign) -> String { "/scorecards/campaigns/\(HTMLText.queryEscape(campaign.name))" }
}

/// Whether a campaign will make its deadline: done, on track (at or above the straight line from
/// start to deadline), behind, or late (past the deadline and not done).
struct CampaignStatus {
    let text: String
    let cssClass: String

    init(campaign: Campaign, progress: CampaignProgress, today: Day) {
        let span = max(1, campaign.deadline.number - campaign.startDate.number)
        let elapsed = min(max(0, today.number - campaign.startDate.number), span)
        let expected = Double(progress.total) * Double(elapsed) / Double(span)
        if progress.total > 0 && progress.done == progress.total {
            (text, cssClass) = ("done", "status-done")
        } else if today > campaign.deadline {
            (text, cssClass) = ("late", "status-late")
        } else if Double(progress.done) >= expected.rounded(.down) {
            (text, cssClass) = ("on track", "status-on-track")
        } else {
            (text, cssClass) = ("behind", "status-behind")
        }
    }
}
