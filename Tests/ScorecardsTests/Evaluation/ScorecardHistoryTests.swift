import Catalog
import FoyerCore
import Logging
import Testing
@testable import Scorecards

@Suite struct ScorecardHistoryTests {
    @Test func theSyncKeepsADailySnapshotAndTheCampaignHistoryEndsWithToday() async throws {
        try await withScorecards { fixture in
            try await fixture.load(ScorecardCatalog.descriptors)
            let sync = ScorecardSync(engine: fixture.service.engine, exemptions: fixture.service.exemptions, history: fixture.service.history,
                                     logger: Logger(label: "test"))
            let day1 = EpochMillis(iso8601: "2026-12-01T09:00:00.000Z")!
            await sync.run(now: day1)
            // Next day e gets docs: docs-everywhere 4 of 5, and e climbs to Silver.
            var changed = ScorecardCatalog.descriptors
            let e = changed.firstIndex { $0.contains("name: e\n") }!
            changed[e] = ScorecardCatalog.component("e", type: "website", owner: "team-b", annotations: [ScorecardCatalog.docs])
            try await fixture.load(changed)
            let day2 = EpochMillis(day1.value + 86_400_000)
            await sync.run(now: day2)
            await sync.run(now: EpochMillis(day2.value + 3_600_000))   // the same day again replaces it

            let (_, progress, history) = try await fixture.service.campaign("docs-everywhere", now: EpochMillis(day2.value + 86_400_000))
            #expect(history.map(\.day.description) == ["2026-12-01", "2026-12-02", "2026-12-03"])
            #expect(history.map(\.done) == [3, 4, 4])
            #expect(progress.done == 4)
            let (_, trackHistory) = try await fixture.service.track("ready", now: day2)
            #expect(trackHistory.map { $0.1["level:Silver"] } == [1, 2])
            #expect(trackHistory.map { $0.1["level:Bronze"] } == [2, 1])
            #expect(trackHistory.map { $0.1["none"] } == [1, 1])
        }
    }
}
