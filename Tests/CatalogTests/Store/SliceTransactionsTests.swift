@testable import Catalog
import CatalogTestSupport
import Dispatch
import Foundation
import FoyerCore
import SQLKit
import Synchronization
import Testing

@Suite struct SliceTransactionsTests {
    struct Refused: Error {}

    final class Gate: Sendable {
        let open = Atomic<Bool>(false)
        func wait() async throws { while !open.load(ordering: .acquiring) { try await Task.sleep(for: .milliseconds(5)) } }
    }

    /// A write that stores nothing and plans nothing, after `gate` opens.
    static func write(after gate: Gate? = nil, failing: Bool = false) -> SliceTransactions.Write {
        { _ in
            try await gate?.wait()
            if failing { throw Refused() }
            return SliceOutcome(summary: ApplySummary(), problems: [], kept: [])
        }
    }

    /// Hands over three slices while the first is held back, then lets them all write: how many
    /// were written and in how many commits.
    static func writeThreeSlices(on database: Database, budget: Duration) async throws -> (written: Int, commits: Int) {
        let transactions = SliceTransactions(database: database, budget: budget)
        let gate = Gate()
        let before = database.committedTransactions
        await transactions.submit(write(after: gate))
        await transactions.submit(write())
        await transactions.submit(write())
        gate.open.store(true, ordering: .releasing)
        let outcomes = try await transactions.finish()
        return (outcomes.count, database.committedTransactions - before)
    }

    @Test func slicesHandedOverWhileATransactionIsOpenJoinItAndCommitOnce() async throws {
        try await withCatalog { catalog in
            let result = try await Self.writeThreeSlices(on: catalog.reader.database, budget: .seconds(3))
            #expect(result.written == 3 && result.commits == 1)
        }
    }

    @Test func aTransactionPastItsBudgetCommitsBeforeTakingTheNextSlice() async throws {
        try await withCatalog { catalog in
            let result = try await Self.writeThreeSlices(on: catalog.reader.database, budget: .zero)
            #expect(result.written == 3 && result.commits == 3)
        }
    }

    @Test func aFailedWriteFailsTheWaitersAndFinishAndNothingAfterItIsWritten() async throws {
        try await withCatalog { catalog in
            let database = catalog.reader.database
            let transactions = SliceTransactions(database: database)
            let gate = Gate()
            let before = database.committedTransactions
            await transactions.submit(Self.write(after: gate))
            await transactions.submit(Self.write(failing: true))
            let ran = Gate()
            await transactions.submit { _ in
                ran.open.store(true, ordering: .relaxed)
                return SliceOutcome(summary: ApplySummary(), problems: [], kept: [])
            }
            gate.open.store(true, ordering: .releasing)
            await #expect(throws: Refused.self) { try await transactions.waitUntilWritten(allBut: 0) }
            await #expect(throws: Refused.self) { try await transactions.finish() }
            let laterWriteRan = ran.open.load(ordering: .relaxed)
            #expect(!laterWriteRan)
            #expect(database.committedTransactions == before)
        }
    }

    @Test func waitingForAllButTheLastSliceReturnsWhileTheLastIsStillWriting() async throws {
        try await withCatalog { catalog in
            let transactions = SliceTransactions(database: catalog.reader.database)
            let gate = Gate()
            await transactions.submit(Self.write())
            await transactions.submit(Self.write(after: gate))
            try await transactions.waitUntilWritten(allBut: 1)
            gate.open.store(true, ordering: .releasing)
            let outcomes = try await transactions.finish()
            #expect(outcomes.count == 2)
        }
    }

    @Test func slicesAreWrittenWhileEveryCooperativeThreadIsBusy() async throws {
        try await withCatalog { catalog in
            let transactions = SliceTransactions(database: catalog.reader.database)
            let written = DispatchSemaphore(value: 0)
            await transactions.submit { sql in
                // A few statements, each resuming the write after the database answers.
                for _ in 0..<3 { _ = try await sql.raw("SELECT 1 AS one").all() }
                written.signal()
                return SliceOutcome(summary: ApplySummary(), problems: [], kept: [])
            }
            // Every cooperative thread is held (this one too, below) until the write is done or 10 s pass.
            let release = DispatchSemaphore(value: 0)
            let blockers = 2 * ProcessInfo.processInfo.activeProcessorCount
            for _ in 0..<blockers { Task.detached { _ = release.wait(timeout: .now() + 10) } }
            let result = written.wait(timeout: .now() + 10)
            for _ in 0..<blockers { release.signal() }
            #expect(result == .success)
            _ = try await transactions.finish()
        }
    }
}
