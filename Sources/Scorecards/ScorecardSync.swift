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
            let answers = ScorecardAnswers(state: try await engine.current(), exemptions: ActiveExemptions(try await exemptions.all(), at: now.value))
            // Through the answers' cache, so the summaries the pages ask for next are computed already.
            try await history.save(day: Day(epochMillis: now.value).number, counts: Self.counts(answers))
        } catch is CancellationError {
            return
        } catch {
            logger.error("scorecard sync failed", metadata: ["error": "\(error)"])
        }
    }

    /// Subject → key → count: each track's entities per level (and `none`), each campaign's `done` and `total`.
    static func counts(_ answers: ScorecardAnswers) -> [String: [String: Int]] {
        var counts: [String: [String: Int]] = [:]
        for track in answers.snapshot.tracks {
            let summary = answers.summary(of: track)
            var keys = Dictionary(uniqueKeysWithValues: summary.levels.map { ("level:\($0.name)", $0.entities) })
            keys["none"] = summary.none
            counts[ScorecardHistoryStore.subject(track: track.name)] = keys
        }
        for campaign in answers.snapshot.campaigns {
            let progress = answers.progress(of: campaign)
            counts[ScorecardHistoryStore.subject(campaign: campaign.name)] = ["done": progress.done, "total": progress.total]
        }
        return counts
    }
}
