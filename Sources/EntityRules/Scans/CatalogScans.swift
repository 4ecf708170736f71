import Catalog
import FoyerCore
import Synchronization

/// One module's evaluation of one catalog version, fed the catalog batch by batch with the answers
/// to its `questions`: `evaluate` is pure and runs on worker tasks while the next batch is read;
/// `merge` gets the parts in reading order and `finish` the state, both on the scanning task.
public struct ScanPass<Part: Sendable, State: Sendable> {
    let questions: EntityQuestions
    let evaluate: @Sendable (AnsweredBatch) -> Part
    let merge: (Part) -> Void
    let finish: () -> State

    public init(questions: EntityQuestions, evaluate: @escaping @Sendable (AnsweredBatch) -> Part,
                merge: @escaping (Part) -> Void, finish: @escaping () -> State) {
        self.questions = questions
        self.evaluate = evaluate
        self.merge = merge
        self.finish = finish
    }
}

/// A module's whole-catalog evaluation (adoption, scorecards), named so scans can share it.
public struct CatalogEvaluation<State: Sendable>: Sendable {
    public let name: String
    let start: @Sendable (CatalogStamp) async throws -> AnyScanPass

    /// `prepare` reads what the evaluation needs (the module's descriptors) and returns its pass.
    public init<Part: Sendable>(name: String, prepare: @escaping @Sendable (CatalogStamp) async throws -> ScanPass<Part, State>) {
        self.name = name
        start = { stamp in AnyScanPass(try await prepare(stamp)) }
    }
}

/// A pass with its part and state types erased, so passes of several modules share one scan.
final class AnyScanPass {
    let questions: EntityQuestions
    let evaluate: @Sendable (AnsweredBatch) -> any Sendable
    let merge: (any Sendable) -> Void
    let finish: () -> any Sendable

    init<Part: Sendable, State: Sendable>(_ pass: ScanPass<Part, State>) {
        questions = pass.questions
        let evaluate = pass.evaluate
        self.evaluate = { evaluate($0) }
        merge = { pass.merge($0 as! Part) }
        finish = pass.finish
    }
}

/// Whole-catalog evaluations computed once per catalog version in one read shared by every
/// evaluation registered for the database: concurrent callers for a version wait for one scan; a
/// failure is not kept; a scan of a version the catalog has moved past is cancelled, its callers
/// given the newer one.
public final class CatalogScans: Sendable {
    public static let shared = CatalogScans()

    private struct Scan {
        let names: Set<String>
        let task: Task<[String: any Sendable], any Error>
        /// Callers waiting for it and not cancelled: the last of them to be cancelled (a server
        /// shutting down) cancels the scan, so nobody waits out a read of the whole catalog.
        var waiters = 0
    }

    private typealias Start = @Sendable (CatalogStamp) async throws -> AnyScanPass

    /// Per database: the evaluations registered, and the scans of the latest version asked for
    /// (one for all, plus one for each evaluation registered after it started).
    private let databases = Mutex<[Database.ID: (evaluations: [String: Start], stamp: CatalogStamp?, scans: [Scan])]>([:])

    public init() {}

    /// Makes `evaluation` part of every later scan of `database`; modules register theirs when they
    /// build their engine, so the first scan after a start already serves them all.
    public func register<State>(_ evaluation: CatalogEvaluation<State>, on database: Database) {
        databases.withLock { $0[database.id, default: ([:], nil, [])].evaluations[evaluation.name] = evaluation.start }
    }

    /// `evaluation`'s state for the catalog at `stamp`, read through `reader`.
    public func state<State>(of evaluation: CatalogEvaluation<State>, at stamp: CatalogStamp, reader: EntityReader) async throws -> State {
        let key = reader.database.id
        let task = databases.withLock { databases -> Task<[String: any Sendable], any Error> in
            var database = databases[key] ?? ([:], nil, [])
            database.evaluations[evaluation.name] = evaluation.start
            defer { databases[key] = database }
            var wanted = database.evaluations
            var joined: Int?
            if let latest = database.stamp, latest.instance == stamp.instance, latest.version >= stamp.version {
                // An older caller gets the newer version's scans rather than replacing them.
                joined = database.scans.firstIndex { $0.names.contains(evaluation.name) }
                wanted = [evaluation.name: evaluation.start]
            } else {
                for scan in database.scans { scan.task.cancel() }
                database.stamp = stamp
                database.scans = []
            }
            let index = joined ?? {
                let scanned = database.stamp!
                let task = Task { [wanted] in try await Self.scan(wanted, at: scanned, reader: reader) }
                database.scans.append(Scan(names: Set(wanted.keys), task: task))
                return database.scans.count - 1
            }()
            database.scans[index].waiters += 1
            return database.scans[index].task
        }
        do {
            let states = try await withTaskCancellationHandler { try await task.value } onCancel: { leave(task, database: key) }
            if let state = states[evaluation.name] as? State { return state }
        } catch {
            forget(task, database: key)
            guard error is CancellationError else { throw error }
        }
        // Superseded while it ran: unless this caller was cancelled too, ask again for the version
        // the catalog is at now.
        try Task.checkCancellation()
        return try await state(of: evaluation, at: try await reader.version(), reader: reader)
    }

    /// A waiting caller was cancelled: when none is left waiting, the scan stops at its next batch.
    private func leave(_ task: Task<[String: any Sendable], any Error>, database: Database.ID) {
        let abandoned = databases.withLock { databases -> Bool in
            guard let index = databases[database]?.scans.firstIndex(where: { $0.task == task }) else { return false }
            databases[database]?.scans[index].waiters -= 1
            return databases[database]?.scans[index].waiters == 0
        }
        if abandoned { task.cancel() }
    }

    /// Drops a failed scan so the next caller tries again.
    private func forget(_ task: Task<[String: any Sendable], any Error>, database: Database.ID) {
        databases.withLock { databases in databases[database]?.scans.removeAll { $0.task == task } }
    }

    /// Reads every entity once, in batches; each batch is answered for every evaluation at once and
    /// evaluated on worker tasks while the next batch is read.
    private static func scan(_ evaluations: [String: Start], at stamp: CatalogStamp,
                             reader: EntityReader) async throws -> [String: any Sendable] {
        var passes: [AnyScanPass] = []
        let names = evaluations.keys.sorted()
        for name in names { passes.append(try await evaluations[name]!(stamp)) }
        let sheet = QuestionSheet(passes.map(\.questions))
        let evaluates = passes.map(\.evaluate)
        func merge(_ evaluated: [Task<[any Sendable], Never>]) async {
            for task in evaluated {
                for (pass, part) in zip(passes, await task.value) { pass.merge(part) }
            }
        }
        var pending: [Task<[any Sendable], Never>] = []
        try await reader.forEachBatch { batch in
            // In halves, so both cores can evaluate while reading waits on the database.
            let size = max(1, (batch.count + 1) / 2)
            let next = stride(from: 0, to: batch.count, by: size).map { start in
                let half = batch[start..<min(start + size, batch.count)]
                return Task { zip(evaluates, sheet.answer(half)).map { evaluate, answers in evaluate(answers) } }
            }
            await merge(pending)
            pending = next
        }
        await merge(pending)
        return Dictionary(uniqueKeysWithValues: zip(names, passes.map { $0.finish() }))
    }
}
