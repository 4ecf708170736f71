import Catalog
import CatalogTestSupport
import EntityRules
import FoyerCore
import FoyerTestSupport
import Synchronization
import Testing

@Suite struct CatalogScansTests {
    @Test func oneScanServesEveryEvaluationAlreadyAskedForOnTheDatabase() async throws {
        try await withCatalog { catalog in
            let folder = try TestFolder()
            try folder.write("catalog-info.yaml", component("web"))
            let location = try await catalog.register(LocationSpec(type: "file", target: folder.path), base: "/").0
            let scans = CatalogScans()
            let counting = CountingEvaluations()
            scans.register(counting.evaluation("registered"), on: catalog.reader.database)

            let first = try await catalog.reader.version()
            #expect(try await scans.state(of: counting.evaluation("a"), at: first, reader: catalog.reader) == 1)
            #expect(counting.passes("a") == 1)
            // Registered before the first scan: served by it without asking.
            #expect(counting.passes("registered") == 1)
            #expect(try await scans.state(of: counting.evaluation("registered"), at: first, reader: catalog.reader) == 1)
            #expect(counting.passes("registered") == 1)
            // `b` was not known when `a` scanned, so it needs a scan of its own; `a` is not repeated.
            #expect(try await scans.state(of: counting.evaluation("b"), at: first, reader: catalog.reader) == 1)
            #expect(counting.passes("a") == 1 && counting.passes("b") == 1)
            #expect(try await scans.state(of: counting.evaluation("a"), at: first, reader: catalog.reader) == 1)
            #expect(counting.passes("a") == 1)

            try folder.write("catalog-info.yaml", component("web") + "\n---\n" + component("api"))
            try await catalog.refresh(location)
            let second = try await catalog.reader.version()
            #expect(second != first)
            #expect(try await scans.state(of: counting.evaluation("a"), at: second, reader: catalog.reader) == 2)
            // The new version's scan evaluated `b` too.
            #expect(counting.passes("b") == 2)
            #expect(try await scans.state(of: counting.evaluation("b"), at: second, reader: catalog.reader) == 2)
            #expect(counting.passes("a") == 2 && counting.passes("b") == 2)
        }
    }

    @Test func questionsAskedTogetherGetTheAnswersEachModuleGetsAlone() async throws {
        try await withCatalog { catalog in
            let folder = try TestFolder()
            let web = component("web", type: "website", metadata: "  annotations:\n    backstage.io/techdocs-ref: dir:.\n")
            let group = "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n"
            try folder.write("catalog-info.yaml", [web, component("api"), group].joined(separator: "\n---\n"))
            try await catalog.register(LocationSpec(type: "file", target: folder.path), base: "/")
            var entities: [StoredEntity] = []
            try await catalog.reader.forEachBatch { entities += $0 }

            let docs = EntityQuestions(scopes: [try scope("kind=component"), .everyEntity],
                                       rules: [rule("{fact: metadata.annotations.backstage.io/techdocs-ref, operator: exists}")])
            let levels = EntityQuestions(scopes: [try scope("spec.type=website"), .everyEntity, try scope("kind=group")],
                                         rules: [rule("{fact: metadata.name, operator: equals, value: web}"),
                                                 rule("{fact: spec.lifecycle, operator: equals, value: production}")])
            let together = QuestionSheet([docs, levels]).answer(entities)
            let apart = [QuestionSheet([docs]).answer(entities)[0], QuestionSheet([levels]).answer(entities)[0]]
            for (module, questions) in [docs, levels].enumerated() {
                #expect(together[module].entities.map(\.ref) == entities.map(\.ref))
                #expect(scopes(together[module], questions) == scopes(apart[module], questions))
                #expect(rules(together[module]) == rules(apart[module]))
            }
            // In ref order: component:default/api, component:default/web, group:default/team-a.
            #expect(scopes(together[0], docs) == [[true, true], [true, true], [false, true]])
            #expect(rules(together[0]) == [[false], [true], [nil]])
            #expect(scopes(together[1], levels) == [[false, true, false], [true, true, false], [false, true, true]])
            #expect(rules(together[1]) == [[nil, true], [true, true], [nil, false]])
        }
    }

    @Test func aScanWhoseEveryCallerIsCancelledStopsAndTheyReturnAtOnce() async throws {
        try await withCatalog { catalog in
            let scans = CatalogScans()
            let slow = SlowEvaluation(preparing: .seconds(60))
            let stamp = try await catalog.reader.version()
            let callers = (0..<2).map { _ in Task { try await scans.state(of: slow.evaluation, at: stamp, reader: catalog.reader) } }
            try await slow.waitUntilPreparing()
            let started = ContinuousClock.now
            for caller in callers { caller.cancel() }
            for caller in callers {
                await #expect(throws: CancellationError.self) { try await caller.value }
            }
            #expect(ContinuousClock.now - started < .seconds(10))
            #expect(slow.stoppedEarly)
        }
    }

    @Test func aCancelledCallerLeavesTheScanRunningForTheOthers() async throws {
        try await withCatalog { catalog in
            let scans = CatalogScans()
            let slow = SlowEvaluation(preparing: .milliseconds(500))
            let stamp = try await catalog.reader.version()
            let leaving = Task { try await scans.state(of: slow.evaluation, at: stamp, reader: catalog.reader) }
            let staying = Task { try await scans.state(of: slow.evaluation, at: stamp, reader: catalog.reader) }
            try await slow.waitUntilPreparing()
            leaving.cancel()
            #expect(try await staying.value == 0)
            #expect(!slow.stoppedEarly)
            #expect(slow.preparations == 1)
        }
    }

    /// Per entity, whether it is in each of the scopes asked.
    private func scopes(_ batch: AnsweredBatch, _ questions: EntityQuestions) -> [[Bool]] {
        (0..<batch.count).map { position in questions.scopes.indices.map { batch.isInScope(position, scope: $0) } }
    }

    private func rules(_ batch: AnsweredBatch) -> [[Bool?]] { (0..<batch.count).map(batch.satisfies) }

    private func scope(_ filter: String) throws -> Scope {
        try Scope.parse(.string(filter), field: "appliesTo").get()
    }

    private func component(_ name: String, type: String = "service", metadata: String = "") -> String {
        "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: \(name)\n\(metadata)spec:\n  type: \(type)\n  lifecycle: production\n  owner: team-a\n"
    }
}

/// Evaluations that count the entities they see, and how many times each was prepared.
private final class CountingEvaluations: Sendable {
    private let prepared = Mutex<[String: Int]>([:])

    func passes(_ name: String) -> Int { prepared.withLock { $0[name] ?? 0 } }

    func evaluation(_ name: String) -> CatalogEvaluation<Int> {
        CatalogEvaluation(name: name) { [self] _ in
            prepared.withLock { $0[name, default: 0] += 1 }
            var total = 0
            return ScanPass(questions: .none, evaluate: { $0.count }, merge: { total += $0 }, finish: { total })
        }
    }
}

/// An evaluation that takes `preparing` to prepare (an empty catalog's state is 0), and tells
/// whether its scan was stopped while preparing.
private final class SlowEvaluation: Sendable {
    let preparing: Duration
    private let state = Mutex<(preparations: Int, stoppedEarly: Bool)>((0, false))

    init(preparing: Duration) { self.preparing = preparing }

    var preparations: Int { state.withLock { $0.preparations } }
    var stoppedEarly: Bool { state.withLock { $0.stoppedEarly } }

    /// Returns once a scan has started preparing (at most 10 s).
    func waitUntilPreparing() async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while preparations == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        try #require(preparations > 0)
    }

    var evaluation: CatalogEvaluation<Int> {
        CatalogEvaluation(name: "slow") { [self] _ in
            state.withLock { $0.preparations += 1 }
            do {
                try await Task.sleep(for: preparing)
            } catch {
                state.withLock { $0.stoppedEarly = true }
                throw error
            }
            var total = 0
            return ScanPass(questions: .none, evaluate: { $0.count }, merge: { total += $0 }, finish: { total })
        }
    }
}
