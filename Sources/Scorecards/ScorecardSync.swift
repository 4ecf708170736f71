import FoyerCore
import Logging

/// Saves today's track levels and campaign progress (the daily history), run as a leased job.
struct ScorecardSync: Sendable {
    let engine: ScorecardEngine
    let exemptions: ExemptionStore
    let history: ScorecardHistoryStore
    let logger: Logger

    func run(now: EpochMillis) async {
        do {
            let state = try await engine.current()
            let active = ActiveExemptions(try await exemptions.all(), at: now.value)
            try await history.save(day: Day(epochMillis: now.value).number, counts: Self.counts(state.snapshot, exemptions: active))
        } catch is CancellationError {
            return
        } catch {
            logger.error("scorecard sync failed", metadata: ["error": "\(error)"])
        }
    }

    /// Subject → key → count: each track's entities per level (and `none`), each campaign's `done` and `total`.
    static func counts(_ snapshot: ScorecardSnapshot, exemptions: ActiveExemptions) -> [String: [String: Int]] {
        var counts: [String: [String: Int]] = [:]
        for track in snapshot.tracks {
            let summary = TrackSummary(track: track, snapshot: snapshot, exemptions: exemptions)
            var keys = Dictionary(uniqueKeysWithValues: summary.levels.map { ("level:\($0.name)", $0.entities) })
            keys["none"] = summary.none
            counts[ScorecardHistoryStore.subject(track: track.name)] = keys
        }
        for campaign in snapshot.campaigns {
            let progress = CampaignProgress(campaign: campaign, snapshot: snapshot, exemptions: exemptions)
            counts[ScorecardHistoryStore.subject(campaign: campaign.name)] = ["done": progress.done, "total": progress.total]
        }
        return counts
    }
}
