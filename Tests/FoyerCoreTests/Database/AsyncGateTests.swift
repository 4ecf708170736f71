import FoyerCore
import Synchronization
import Testing

struct AsyncGateTests {
    final class Order: Sendable { let numbers = Mutex<[Int]>([]) }

    /// Holds `gate`, queues one waiter per entry of `deferring` in that order (each noting its number
    /// once it holds the gate), then releases; returns the numbers in the order they held it.
    static func order(of deferring: [Bool], through gate: AsyncGate) async -> [Int] {
        await gate.acquire()
        let order = Order()
        await withTaskGroup(of: Void.self) { group in
            for (number, deferred) in deferring.enumerated() {
                group.addTask {
                    try? await gate.withLock(deferring: deferred) { order.numbers.withLock { $0.append(number) } }
                }
                while await gate.queueLength < number + 1 { await Task.yield() }
            }
            await gate.release()
        }
        return order.numbers.withLock { $0 }
    }

    @Test func aDeferredWaiterGoesAfterThePlainWaitersQueuedWithIt() async {
        #expect(await Self.order(of: [true, false, false, true, false], through: AsyncGate()) == [1, 2, 4, 0, 3])
    }

    @Test func aDeferredWaiterGoesOnceAsManyPlainWaitersAsThePatienceOvertookIt() async {
        #expect(await Self.order(of: [true, false, false, false, false], through: AsyncGate(patience: 2)) == [1, 2, 0, 3, 4])
    }

    @Test func aDeferredCallerTakesAFreeGateAtOnce() async throws {
        let gate = AsyncGate()
        #expect(try await gate.withLock(deferring: true) { 42 } == 42)
        #expect(try await gate.withLock { 7 } == 7)
    }
}
