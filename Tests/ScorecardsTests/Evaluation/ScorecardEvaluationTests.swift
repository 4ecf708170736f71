import Catalog
import FoyerCore
import FoyerTestSupport
@testable import Scorecards
import Testing

@Suite struct ScorecardEvaluationTests {
    let ref = ScorecardCatalog.ref
    let t0 = EpochMillis(iso8601: "2026-12-01T12:00:00.000Z")!

    @Test func levelsCountNotApplicableChecksAsMetAndStopAtTheFirstFailedLevel() async throws {
        try await withScorecards { fixture in
            #expect(try await fixture.load(ScorecardCatalog.descriptors).isEmpty)
            let (snapshot, exemptions) = try await fixture.service.current()
            let track = try #require(snapshot.track("ready"))
            let levels = ["a", "b", "c", "d", "e"].map { snapshot.level(in: track, of: ref($0), exemptions: exemptions) }
            #expect(levels == [3, 2, 1, 0, 1])
            #expect(snapshot.result("k8s", for: ref("b"), exemptions: exemptions) == .notApplicable)
            #expect(snapshot.result("oncall", for: ref("c"), exemptions: exemptions) == .passed, "c passes Gold's check but Silver's failure caps it")
            #expect(snapshot.level(in: track, of: EntityRef(kind: "group", namespace: "default", name: "team-a"), exemptions: exemptions) == nil)
        }
    }

    @Test func aTrackSummaryCountsEachEntityOnceAtItsHighestLevelOverallAndPerGroup() async throws {
        try await withScorecards { fixture in
            try await fixture.load(ScorecardCatalog.descriptors)
            let (summary, _) = try await fixture.service.track("ready")
            #expect(summary.levels.map(\.name) == ["Bronze", "Silver", "Gold"])
            #expect(summary.levels.map(\.entities) == [2, 1, 1])
            #expect(summary.none == 1)
            // d is owned by a person: in no group.
            #expect(summary.groups == [
                TrackSummary.GroupLevels(group: EntityRef(kind: "group", namespace: "default", name: "team-a"), levels: ["Bronze": 0, "Silver": 1, "Gold": 1], none: 0),
                TrackSummary.GroupLevels(group: EntityRef(kind: "group", namespace: "default", name: "team-b"), levels: ["Bronze": 2, "Silver": 0, "Gold": 0], none: 0),
            ])
        }
    }

    @Test func campaignsWithACheckTargetGroupProgressByOwner() async throws {
        try await withScorecards { fixture in
            try await fixture.load(ScorecardCatalog.descriptors)
            let (_, progress, _) = try await fixture.service.campaign("docs-everywhere", now: t0)
            #expect(progress.total == 5 && progress.done == 3 && progress.percent == 60)
            #expect(progress.byOwner.map { $0.owner?.description } == ["group:default/team-a", "group:default/team-b", "user:default/dan"])
            #expect(progress.byOwner.map(\.total) == [2, 2, 1])
            #expect(progress.byOwner.map(\.done) == [2, 0, 1])
            #expect(progress.remaining.map(\.entity) == [ref("c"), ref("e")])
        }
    }

    @Test func aTrackTargetCoversOnlyWhatTheTrackAppliesToAndCountsLevelsAtOrAbove() async throws {
        try await withScorecards { fixture in
            try await fixture.load(ScorecardCatalog.descriptors)
            let (_, progress, _) = try await fixture.service.campaign("services-silver", now: t0)
            // Services a, c, d; only a reached Silver (it is at Gold).
            #expect(progress.total == 3 && progress.done == 1 && progress.percent == 33.3)
        }
    }

    @Test func entitiesWithoutAnOwnerAreGroupedUnderNoOwner() async throws {
        try await withScorecards { fixture in
            try await fixture.load(ScorecardCatalog.descriptors)
            let (_, progress, _) = try await fixture.service.campaign("teams-described", now: t0)
            #expect(progress.total == 2 && progress.done == 1 && progress.percent == 50)
            #expect(progress.byOwner == [CampaignProgress.OwnerProgress(owner: nil, total: 2, done: 1)])
        }
    }

    @Test func anExemptionCountsUntilItExpires() async throws {
        try await withScorecards { fixture in
            try await fixture.load(ScorecardCatalog.descriptors)
            let exemption = try await fixture.service.exempt(entity: "component:default/c", check: "docs", reason: "docs live in the wiki until Q1",
                                                             expires: "2026-12-10", actor: "token:admin", now: t0)
            let during = EpochMillis(iso8601: "2026-12-10T23:59:59.000Z")!
            let (snapshot, active) = try await fixture.service.current(now: during)
            let track = try #require(snapshot.track("ready"))
            #expect(snapshot.result("docs", for: ref("c"), exemptions: active) == .exempt)
            #expect(snapshot.level(in: track, of: ref("c"), exemptions: active) == 3, "with docs exempt, c climbs to Gold")
            let (_, docs, _) = try await fixture.service.campaign("docs-everywhere", now: during)
            #expect(docs.done == 4 && docs.percent == 80)
            let (_, silver, _) = try await fixture.service.campaign("services-silver", now: during)
            #expect(silver.done == 2 && silver.percent == 66.7)

            let after = EpochMillis(iso8601: "2026-12-11T00:00:00.000Z")!
            let (later, expired) = try await fixture.service.current(now: after)
            #expect(later.result("docs", for: ref("c"), exemptions: expired) == .failed)
            #expect(try await fixture.service.campaign("docs-everywhere", now: after).1.done == 3)
            #expect(exemption.expiresAt == after.value)
        }
    }

    @Test func exemptionsNeedAReasonAndAFutureExpiryAndAreAudited() async throws {
        try await withScorecards { fixture in
            try await fixture.load(ScorecardCatalog.descriptors)
            await #expect(throws: FoyerError.self) {
                try await fixture.service.exempt(entity: "component:default/c", check: "docs", reason: "  ", expires: nil, actor: "x", now: t0)
            }
            await #expect(throws: FoyerError.self) {
                try await fixture.service.exempt(entity: "component:default/c", check: "docs", reason: "r", expires: "2026-11-30T00:00:00Z", actor: "x", now: t0)
            }
            await #expect(throws: FoyerError.self) {
                try await fixture.service.exempt(entity: "component:default/c", check: "docs", reason: "r", expires: "next week", actor: "x", now: t0)
            }
            await #expect(throws: FoyerError.self) {
                try await fixture.service.exempt(entity: "component:default/c", check: "no-such-check", reason: "r", expires: nil, actor: "x", now: t0)
            }
            let exemption = try await fixture.service.exempt(entity: "component:default/c", check: "docs", reason: "r", expires: "2027-01-01T10:00:00Z",
                                                             actor: "user:default/bea", now: t0)
            #expect(try await fixture.service.exemptions.delete(id: exemption.id, actor: "token:admin"))
            #expect(try await !fixture.service.exemptions.delete(id: exemption.id, actor: "token:admin"))
            let trail = try await fixture.service.exemptions.auditTrail()
            #expect(trail.map(\.action) == ["delete", "create"])
            #expect(trail.map(\.actor) == ["token:admin", "user:default/bea"])
            #expect(trail.allSatisfy { $0.exemptionID == exemption.id && $0.check == "docs" })
        }
    }

    @Test func aTrackNamingAnUnknownCheckIsAProblemOfTheTrack() async throws {
        try await withScorecards { fixture in
            let broken = ScorecardCatalog.track.replacingOccurrences(of: "name: ready", with: "name: broken")
                .replacingOccurrences(of: "[oncall]", with: "[oncall, pager]")
            let problems = try await fixture.load(ScorecardCatalog.descriptors + [broken])
            #expect(problems.map(\.entityRef) == ["track:default/broken"])
            #expect(problems.first?.field == "spec.levels[2].checks[1]")
            #expect(problems.first?.message == "there is no check named 'pager'")
            #expect(try await fixture.service.state().snapshot.track("broken") == nil)
            #expect(try await fixture.service.state().snapshot.track("ready") != nil)
        }
    }

    @Test func aTrackMayNameAChecksStoredFromAnotherLocation() async throws {
        try await withScorecards { fixture in
            try await fixture.load(ScorecardCatalog.descriptors)
            let folder = try TestFolder()
            try folder.write("other.yaml", ScorecardCatalog.track.replacingOccurrences(of: "name: ready", with: "name: elsewhere"))
            let (location, _, _) = try await fixture.catalog.register(LocationSpec(type: "file", target: folder.file("other.yaml")), base: "/")
            #expect(try await fixture.catalog.locations.problems(locationID: location.id).isEmpty)
            #expect(try await fixture.service.state().snapshot.track("elsewhere") != nil)
        }
    }
}
