import FoyerCore
import SQLKit

/// Writes a location's slices in order, several to a transaction: a slice handed over while a
/// transaction is open joins it, until none is waiting or the transaction has run `budget`; then it
/// commits. Fewer commits rewrite the random-order filter and relation indexes fewer times.
actor SliceTransactions {
    typealias Write = @Sendable (any SQLDatabase) async throws -> SliceOutcome

    private let database: Database
    /// How long one transaction takes in more slices: other writers wait about this long at most.
    private let budget: Duration
    private var queue: [Write] = []
    private var draining: Task<Void, Never>?
    private var handed = 0
    private var written = 0
    private var committed: [SliceOutcome] = []
    private var failure: (any Error)?
    private var waiters: [(written: Int, continuation: CheckedContinuation<Void, any Error>)] = []

    init(database: Database, budget: Duration = .seconds(3)) {
        self.database = database
        self.budget = budget
    }

    /// Queues `write` after the slices handed over before it; returns at once.
    func submit(_ write: @escaping Write) {
        queue.append(write)
        handed += 1
        if draining == nil { draining = Task(executorPreference: Self.writerQueue) { await self.drain() } }
    }

    /// Returns once every slice handed over but the last `ahead` has been written (maybe not yet
    /// committed); throws the failure of a write or commit, after which nothing more is written.
    func waitUntilWritten(allBut ahead: Int) async throws {
        let target = handed - ahead
        if let failure { throw failure }
        guard written < target else { return }
        try await withCheckedThrowingContinuation { waiters.append((target, $0)) }
    }

    /// Waits for every slice handed over to be committed: their outcomes in order, or the first failure.
    func finish() async throws -> [SliceOutcome] {
        await draining?.value
        if let failure { throw failure }
        return committed
    }

    /// Where the writing task runs between its queries, outside the cooperative pool: on an ingest
    /// that pool's threads (two on a two-core machine) are busy parsing and building the next
    /// slices, and the transaction would sit idle after each statement waiting for one of them.
    private static let writerQueue = SerialQueueExecutor(label: "foyer.catalog.writer")

    private func drain() async {
        while !queue.isEmpty, failure == nil {
            do {
                let outcomes = try await database.transaction(bulk: true) { @Sendable sql in
                    var outcomes: [SliceOutcome] = []
                    let began = ContinuousClock.now
                    while let write = await self.next(joining: !outcomes.isEmpty, began: began) {
                        outcomes.append(try await write(sql))
                        await self.wrote()
                    }
                    return outcomes
                }
                committed += outcomes
            } catch {
                failed(error)
            }
        }
        draining = nil
    }

    /// The first slice of a transaction, or one more for it while the transaction is young enough.
    private func next(joining: Bool, began: ContinuousClock.Instant) -> Write? {
        guard !queue.isEmpty, !joining || ContinuousClock.now - began < budget else { return nil }
        return queue.removeFirst()
    }

    private func wrote() {
        written += 1
        let ready = waiters.filter { $0.written <= written }
        waiters.removeAll { $0.written <= written }
        for waiter in ready { waiter.continuation.resume() }
    }

    private func failed(_ error: any Error) {
        failure = error
        queue = []
        for waiter in waiters { waiter.continuation.resume(throwing: error) }
        waiters = []
    }
}
