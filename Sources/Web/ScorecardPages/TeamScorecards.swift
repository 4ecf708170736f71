import Catalog
import EntityRules
import FoyerCore
import Scorecards

/// A team page's scorecards: where the team's entities stand in each track, and what each open
/// campaign still needs from the team.
struct TeamScorecards {
    struct TrackLine {
        let title: String
        let url: String
        let levels: [ScorecardPages.LevelCount]
        let none: Int
    }

    struct ActionItem {
        let title: String
        let url: String
        let deadline: String
        let status: String
        let statusClass: String
        let entities: [EntityLink]
    }

    let tracks: [TrackLine]
    let actions: [ActionItem]

    static func build(group: EntityRef, site: Site, now: EpochMillis = .now()) async throws -> TeamScorecards? {
        let answers = try await site.scorecards.answers(now: now)
        let today = Day(epochMillis: now.value)
        let tracks = answers.snapshot.tracks.compactMap { track -> TrackLine? in
            let summary = answers.summary(of: track)
            guard let levels = summary.groups.first(where: { $0.group == group }) else { return nil }
            let total = levels.levels.values.reduce(levels.none, +)
            return TrackLine(title: track.title, url: ScorecardPages.url(track: track),
                             levels: track.levels.map { level in
                                 let count = levels.levels[level.name] ?? 0
                                 return ScorecardPages.LevelCount(name: level.name, entities: count, percent: PercentText.text(Percent.of(count, total)))
                             }, none: levels.none)
        }
        var actions: [ActionItem] = []
        for campaign in answers.snapshot.campaigns {
            let progress = answers.progress(of: campaign)
            let mine = progress.remaining.filter { $0.owner == group }.map(\.entity)
            guard !mine.isEmpty else { continue }
            let status = CampaignStatus(campaign: campaign, progress: progress, today: today)
            let titles = try await site.titledLinks(mine)
            actions.append(ActionItem(title: campaign.title, url: ScorecardPages.url(campaign: campaign), deadline: campaign.deadline.description,
                                      status: status.text, statusClass: status.cssClass,
                                      entities: mine.map { titles[$0] ?? EntityLink($0) }))
        }
        return tracks.isEmpty && actions.isEmpty ? nil : TeamScorecards(tracks: tracks, actions: actions)
    }
}
