import Catalog
import FoyerCore
import Insights
import Logging
import Testing
@testable import Adoption

@Suite struct AdoptionHistoryTests {
    @Test func theSyncSavesEachDaysTotalsForTheOrganisationGroupsAndFeatures() async throws {
        try await withAdoption(features: TeamsCatalog.features) { fixture in
            try await fixture.load(TeamsCatalog.descriptors)
            let history = AdoptionHistoryStore(database: fixture.database)
            let sync = AdoptionSync(engine: fixture.engine, tracker: fixture.tracker, history: history, logger: Logger(label: "test"))
            let monday = EpochMillis(iso8601: "2026-11-30T10:00:00.000Z")!
            await sync.run(now: monday)
            // A day later c3 gains Kubernetes: organisation k8s 3/5, all features 11/15.
            var changed = TeamsCatalog.descriptors
            changed[9] = Descriptors.component("c3", owner: "area", annotations: ["backstage.io/kubernetes-id": "c3"])
            try await fixture.load(changed)
            await sync.run(now: EpochMillis(monday.value + 86_400_000))
            await sync.run(now: EpochMillis(monday.value + 86_400_000 + 3_600_000))   // the same day again: replaced, not added

            let day = Day(epochMillis: monday.value).number
            let organisation = try await history.history(scope: AdoptionHistoryStore.organisation, since: day - 1)
            #expect(organisation == [HistoryPoint(day: day, unlocked: 10, applicable: 15, entities: 5),
                                     HistoryPoint(day: day + 1, unlocked: 11, applicable: 15, entities: 5)])
            let area = try await history.historyByFeature(scope: "group:default/area", since: day)
            #expect(area["k8s"]?.map(\.unlocked) == [1, 2])
            #expect(area[AdoptionHistoryStore.allFeatures]?.map(\.applicable) == [9, 9])
            #expect(try await history.history(scope: "group:default/squad", feature: "docs", since: day).map(\.unlocked) == [1, 1])
        }
    }

    @Test func theSummarysPointForTodayIsTheLiveFigureNotTheLastSavedOne() async throws {
        try await withAdoption(features: TeamsCatalog.features) { fixture in
            try await fixture.load(TeamsCatalog.descriptors)
            let history = AdoptionHistoryStore(database: fixture.database)
            let now = EpochMillis(iso8601: "2026-11-30T10:00:00.000Z")!
            await AdoptionSync(engine: fixture.engine, tracker: fixture.tracker, history: history, logger: Logger(label: "test")).run(now: now)
            var changed = TeamsCatalog.descriptors
            changed[9] = Descriptors.component("c3", owner: "area", annotations: ["backstage.io/kubernetes-id": "c3"])
            try await fixture.load(changed)
            let summary = try await AdoptionController(engine: fixture.engine, history: history).summary(now: EpochMillis(now.value + 60_000))
            let points = summary["history"]?.arrayValue ?? []
            #expect(points.count == 1)
            #expect(points.last?["unlocked"] == .number(11), "saved this morning at 10 of 15, 11 since c3 changed")
            #expect(points.last?["percent"] == summary["percent"])
        }
    }
}
