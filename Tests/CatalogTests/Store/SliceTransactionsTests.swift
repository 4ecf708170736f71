@testable import Catalog
import CatalogTestSupport
import FoyerCore
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

    @Test func slicesHandedOverWhileATransactionIsOpenJoinItAndCommitOnce() async throws {
        try await withCatalog { catalog in
            let database = catalog.reader.database
            let transactions = SliceTransactions(database: database)
            let gate = Gate()
            let before = database.committedTransactions
            await transactions.submit(Self.write(after: gate))
            await transactions.submit(Self.write())
            await transactions.submit(Self.write())
            gate.open.store(true, ordering: .releasing)
            let outcomes = try await transactions.finish()
            #expect(outcomes.count == 3)
            #expect(database.committedTransactions - before == 1)
        }
    }

    @Test func aTransactionPastItsBudgetCommitsBeforeTakingTheNextSlice() async throws {
        try await withCatalog { catalog in
            let database = catalog.reader.database
            let transactions = SliceTransactions(database: database, budget: .zero)
            let gate = Gate()
            let before = database.committedTransactions
            await transactions.submit(Self.write(after: gate))
            await transactions.submit(Self.write())
            await transactions.submit(Self.write())
            gate.open.store(true, ordering: .releasing)
            let outcomes = try await transactions.finish()
            #expect(outcomes.count == 3)
            #expect(database.committedTransactions - before == 3)
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
}
