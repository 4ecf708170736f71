@testable import FoyerCore
import Synchronization
import Testing

@Suite struct ConnectionPoolTests {
    /// Counts what a pool opened and closed.
    final class Ledger: Sendable {
        let closed = Mutex<[Int]>([])
        let opened = Atomic<Int>(0)
    }

    @Test func shutdownWaitsForLeasedConnectionsAndClosesThemBeforeReturning() async throws {
        let ledger = Ledger()
        let pool = ConnectionPool<Int>(maxSize: 2, open: { ledger.opened.add(1, ordering: .relaxed).newValue },
                                       close: { connection in ledger.closed.withLock { $0.append(connection) } })
        let idle = try await pool.lease(), leased = try await pool.lease()
        await pool.release(idle)
        let shutdown = Task { await pool.shutdown() }
        try await Task.sleep(for: .milliseconds(50))
        // The idle one is closed at once; shutdown is still waiting for the leased one.
        #expect(ledger.closed.withLock { $0 } == [idle])
        await pool.release(leased)
        await shutdown.value
        #expect(ledger.closed.withLock { $0 }.sorted() == [1, 2])
        await #expect(throws: FoyerError.self) { try await pool.lease() }
    }
}
