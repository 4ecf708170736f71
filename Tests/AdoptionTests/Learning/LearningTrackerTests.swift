import Adoption
import Catalog
import FoyerCore
import Insights
import Testing

enum PathDescriptors {
    static let firstWeek = """
        apiVersion: foyer.dev/v1alpha1
        kind: LearningPath
        metadata: { name: first-week, title: Your first week }
        spec:
          onboarding: true
          steps:
            - { id: tour, title: Tour the catalog, stage: tell, complete: { event: { action: navigate, subject: "/catalog*" } } }
            - { id: insights, title: See the insights, stage: show, complete: { event: { action: navigate, subject: /insights } } }
            - id: docs
              title: Add docs
              stage: do
              complete:
                ownedEntity: { fact: metadata.annotations.backstage.io/techdocs-ref, operator: exists }
            - { id: reflect, title: Tell us what was hard, stage: review, complete: manual }
        """
}

@Suite struct LearningTrackerTests {
    let jane = EntityRef(kind: "user", namespace: "default", name: "jane")
    let bob = EntityRef(kind: "user", namespace: "default", name: "bob")
    let t0 = EpochMillis(iso8601: "2026-11-02T09:30:00.000Z")!

    func navigate(_ user: EntityRef, _ subject: String, at time: EpochMillis) -> UsageEvent {
        UsageEvent(user: user.description, action: "navigate", subject: subject, timestamp: time.value)
    }

    @Test func eventsFromBeforeThePathExistedCompleteItsSteps() async throws {
        try await withAdoption(features: TeamsCatalog.features) { fixture in
            _ = try await fixture.events.ingest([navigate(jane, "/catalog/default/component/c1", at: t0),
                                                 navigate(jane, "/catalog", at: EpochMillis(t0.value + 60_000)),
                                                 navigate(jane, "/insights/weekly", at: t0)])
            try await fixture.load(TeamsCatalog.descriptors + [PathDescriptors.firstWeek])
            let progress = try await fixture.tracker.progress(user: jane, path: "first-week", now: EpochMillis(t0.value + 86_400_000))
            #expect(progress.steps.map(\.id) == ["tour", "insights", "docs", "reflect"])
            #expect(progress.steps[0].done && progress.steps[0].completedAt == t0.value, "the earliest matching event")
            #expect(!progress.steps[1].done, "/insights/weekly is not the exact subject /insights")
            #expect(progress.steps[2].done, "jane's group squad owns c1, which has docs")
            #expect(!progress.steps[3].done)
            #expect(progress.completed == 2 && progress.total == 4 && progress.percent == 50)
        }
    }

    @Test func prefixMatchesAreCaseSensitive() async throws {
        try await withAdoption(features: TeamsCatalog.features) { fixture in
            _ = try await fixture.events.ingest([navigate(bob, "/Catalog/x", at: t0), navigate(bob, "/catalogue", at: t0)])
            try await fixture.load(TeamsCatalog.descriptors + [PathDescriptors.firstWeek])
            let steps = try await fixture.tracker.progress(user: bob, path: "first-week").steps
            #expect(steps[0].done, "/catalogue starts with /catalog")
            _ = try await fixture.events.ingest([navigate(jane, "/Catalog/x", at: t0)])
            #expect(try await !fixture.tracker.progress(user: jane, path: "first-week").steps[0].done)
        }
    }

    @Test func anOwnedEntityStepIsDoneOnlyWhileTheRuleHolds() async throws {
        try await withAdoption(features: TeamsCatalog.features) { fixture in
            try await fixture.load(TeamsCatalog.descriptors + [PathDescriptors.firstWeek])
            let first = EpochMillis(t0.value)
            #expect(try await fixture.tracker.progress(user: jane, path: "first-week", now: first).steps[2].completedAt == first.value)
            #expect(try await !fixture.tracker.progress(user: bob, path: "first-week").steps[2].done, "bob's group owns no documented entity")
            // c1 loses its docs; jane still owns c4 (directly), which has docs.
            var changed = TeamsCatalog.descriptors + [PathDescriptors.firstWeek]
            changed[7] = Descriptors.component("c1", owner: "squad")
            try await fixture.load(changed)
            #expect(try await fixture.tracker.progress(user: jane, path: "first-week").steps[2].done)
            changed[10] = Descriptors.component("c4", owner: "user:jane")
            try await fixture.load(changed)
            let after = try await fixture.tracker.progress(user: jane, path: "first-week").steps[2]
            #expect(!after.done && after.completedAt == nil)
            changed[10] = Descriptors.component("c4", owner: "user:jane", annotations: ["backstage.io/techdocs-ref": "dir:."])
            try await fixture.load(changed)
            #expect(try await fixture.tracker.progress(user: jane, path: "first-week").steps[2].completedAt == first.value, "the first time it was seen done")
        }
    }

    @Test func manualStepsAreCheckedOffAndOthersAreAConflict() async throws {
        try await withAdoption(features: TeamsCatalog.features) { fixture in
            try await fixture.load(TeamsCatalog.descriptors + [PathDescriptors.firstWeek])
            let progress = try await fixture.tracker.checkOff(user: bob, path: "first-week", step: "reflect", now: t0)
            #expect(progress.steps[3].done && progress.steps[3].completedAt == t0.value)
            #expect(progress.completed == 1 && progress.percent == 25)
            await #expect(throws: FoyerError.self) { try await fixture.tracker.checkOff(user: bob, path: "first-week", step: "tour") }
            do {
                _ = try await fixture.tracker.checkOff(user: bob, path: "first-week", step: "docs")
            } catch let error as FoyerError {
                #expect(error.kind == .conflict)
            }
            await #expect(throws: FoyerError.self) { try await fixture.tracker.checkOff(user: bob, path: "first-week", step: "nope") }
            await #expect(throws: FoyerError.self) { try await fixture.tracker.checkOff(user: bob, path: "no-such-path", step: "reflect") }
        }
    }

    @Test func statisticsCountAnEventStepAtOnceAndAPrefixMatchesWholeCodePoints() async throws {
        try await withAdoption(features: TeamsCatalog.features) { fixture in
            let path = """
                apiVersion: foyer.dev/v1alpha1
                kind: LearningPath
                metadata: { name: makers, title: Makers }
                spec:
                  steps:
                    - { id: team, title: Meet the team, stage: tell, complete: { event: { action: navigate, subject: "/👩‍💻*" } } }
                """
            #expect(try await fixture.load(TeamsCatalog.descriptors + [path]).isEmpty)
            _ = try await fixture.events.ingest([navigate(jane, "/👩‍💻/pairing", at: t0), navigate(bob, "/👩‍🎨/pairing", at: t0)])
            // No sync ran: asking for the statistics records what completed.
            #expect(try await fixture.tracker.statistics(path: "makers").steps.map(\.completed) == [1])
        }
    }

    @Test func statisticsCountCompletionsPerStepAndTheMedianTimeToFinish() async throws {
        try await withAdoption(features: TeamsCatalog.features) { fixture in
            let hour: Int64 = 3_600_000
            // jane: first event t0, finishes (reflect) at t0+2h. bob: first event t0, finishes at t0+6h.
            _ = try await fixture.events.ingest([navigate(jane, "/catalog", at: t0), navigate(jane, "/insights", at: EpochMillis(t0.value + hour)),
                                                 navigate(bob, "/catalog", at: t0), navigate(bob, "/insights", at: EpochMillis(t0.value + hour))])
            var descriptors = TeamsCatalog.descriptors + [PathDescriptors.firstWeek]
            descriptors[10] = Descriptors.component("c4", owner: "user:bob", annotations: ["backstage.io/techdocs-ref": "dir:."])
            try await fixture.load(descriptors)
            try await fixture.tracker.syncAll(now: EpochMillis(t0.value + hour))
            _ = try await fixture.tracker.checkOff(user: jane, path: "first-week", step: "reflect", now: EpochMillis(t0.value + 2 * hour))
            _ = try await fixture.tracker.checkOff(user: bob, path: "first-week", step: "reflect", now: EpochMillis(t0.value + 6 * hour))
            let statistics = try await fixture.tracker.statistics(path: "first-week")
            #expect(statistics.steps.map(\.completed) == [2, 2, 2, 2])
            #expect(statistics.finished == 2)
            #expect(statistics.medianMillisToComplete == 4 * hour)
        }
    }

    @Test func newUsersAreThoseFirstSeenWithinTheWindow() async throws {
        try await withAdoption(features: TeamsCatalog.features, newUserDays: 30) { fixture in
            let now = EpochMillis(t0.value + 40 * 86_400_000)
            _ = try await fixture.events.ingest([navigate(jane, "/", at: t0), navigate(bob, "/", at: EpochMillis(now.value - 86_400_000))])
            #expect(try await fixture.tracker.newUsers(among: [jane, bob], now: now) == [bob])
        }
    }

    @Test func aUserWithoutEventsIsNewWhileTheirAccountIsYoungerThanTheWindow() async throws {
        try await withAdoption(features: TeamsCatalog.features, newUserDays: 30) { fixture in
            let now = EpochMillis(t0.value + 40 * 86_400_000)
            let accounts = AccountStore(database: fixture.database)
            _ = try await accounts.create(AccountStore.New(username: "ann", email: nil, passwordHash: nil, role: .viewer, userRef: jane.description, origin: .local),
                                          now: EpochMillis(now.value - 86_400_000))
            _ = try await accounts.create(AccountStore.New(username: "bob", email: nil, passwordHash: nil, role: .viewer, userRef: nil, origin: .local), now: t0)
            let old = EntityRef(kind: "user", namespace: "default", name: "old")
            _ = try await accounts.create(AccountStore.New(username: "old", email: nil, passwordHash: nil, role: .viewer, userRef: old.description, origin: .local), now: t0)
            _ = try await fixture.events.ingest([navigate(old, "/", at: EpochMillis(now.value - 86_400_000))])
            // jane: her account is a day old; bob: only an account linked to no user; old: an account older than the first event.
            #expect(try await fixture.tracker.newUsers(among: [jane, bob, old], now: now) == [jane])
        }
    }
}
