import Dispatch
import Foundation
import FoyerCore
import Synchronization
import Testing

@Suite struct SerialQueueExecutorTests {
    @Test func aTaskPreferringTheExecutorResumesWhileEveryCooperativeThreadIsBlocked() async {
        let executor = SerialQueueExecutor(label: "foyer.test.writer")
        let release = DispatchSemaphore(value: 0)
        let blockers = 2 * ProcessInfo.processInfo.activeProcessorCount
        let elapsed = await withTaskExecutorPreference(executor) {
            // Every cooperative thread waits (at most 20 s) for the release.
            for _ in 0..<blockers { Task.detached { _ = release.wait(timeout: .now() + 20) } }
            let elapsed = await ContinuousClock().measure {
                for _ in 0..<5 { try? await Task.sleep(for: .milliseconds(50)) }
            }
            // Released from here: the cooperative pool is still blocked.
            for _ in 0..<blockers { release.signal() }
            return elapsed
        }
        // On the cooperative pool the sleeps could only end once the blockers gave up.
        #expect(elapsed < .seconds(5))
    }

    @Test func jobsOfManyTasksRunOneAtATime() async {
        let executor = SerialQueueExecutor(label: "foyer.test.serial")
        let counters = Counters()
        await withTaskExecutorPreference(executor) {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        for _ in 0..<20 {
                            if counters.running.add(1, ordering: .sequentiallyConsistent).newValue > 1 { counters.overlaps.add(1, ordering: .relaxed) }
                            for _ in 0..<1_000 { _ = counters.running.load(ordering: .relaxed) }
                            counters.running.subtract(1, ordering: .sequentiallyConsistent)
                            await Task.yield()
                        }
                    }
                }
            }
        }
        #expect(counters.overlaps.load(ordering: .relaxed) == 0)
    }
}

/// How many jobs run at once, and how often more than one did.
private final class Counters: Sendable {
    let running = Atomic<Int>(0)
    let overlaps = Atomic<Int>(0)
}
