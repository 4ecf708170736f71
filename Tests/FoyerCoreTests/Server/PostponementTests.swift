import FoyerCore
import Synchronization
import Testing

struct PostponementTests {
    final class Flag: Sendable {
        let raised = Atomic<Bool>(true)
    }

    @Test func waitReturnsOnlyOnceTheConditionEnds() async throws {
        let flag = Flag()
        let postponement = Postponement(while: { flag.raised.load(ordering: .relaxed) }, atMost: .seconds(30), polling: .milliseconds(10))
        let waiting = Task { try await postponement.wait(); return ContinuousClock.now }
        try await Task.sleep(for: .milliseconds(200))
        let lowered = ContinuousClock.now
        flag.raised.store(false, ordering: .relaxed)
        #expect(try await waiting.value >= lowered)
    }

    @Test func waitGivesUpAfterItsLimitWhenTheConditionLasts() async throws {
        let postponement = Postponement(while: { true }, atMost: .milliseconds(100), polling: .milliseconds(10))
        let started = ContinuousClock.now
        try await postponement.wait()
        let waited = ContinuousClock.now - started
        #expect(waited >= .milliseconds(100) && waited < .seconds(5))
    }

    @Test func nothingPostponedReturnsAtOnce() async throws {
        let started = ContinuousClock.now
        try await Postponement.none.wait()
        #expect(ContinuousClock.now - started < .milliseconds(100))
    }
}
