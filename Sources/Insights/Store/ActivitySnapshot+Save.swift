import FoyerCore
import SQLKit

extension ActivitySnapshot {
    /// Runs its body in one transaction.
    typealias Transaction = (_ body: (any SQLDatabase) async throws -> Void) async throws -> Void

    /// Writes what changed in `index` since it was last saved, then raises the saved sequence number
    /// to its `appliedSeq`, in transactions of about `rowsPerTransaction` rows each: between them
    /// other writers (ingest) get the database. Stamped rows replace only rows of a lower stamp, so
    /// a save overtaken by a newer one (another replica's) leaves the newer rows alone.
    static func save(_ index: ActivityIndex, stamped: Bool = true, rowsPerTransaction: Int = 2_000,
                     in transaction: @escaping Transaction) async throws {
        var writer = TransactionBatches(rowsPerTransaction: rowsPerTransaction, transaction: transaction)
        let stamp: Int64? = stamped ? index.appliedSeq : nil
        for chunk in index.changedUsers.sorted().chunked(300) {
            try await writer.add(chunk.count, upsert(into: "insights_rollup_users", columns: "user_number, user_ref, first_at", conflict: "user_number",
                                                     replacing: "first_at", stamp: stamp, rows: chunk.map { number in
                "\(bind: Int(number)), \(bind: index.refs[Int(number)]), \(bind: index.firstAt[Int(number)])"
            }))
        }
        for chunk in index.changedKeys.sorted().chunked(300) {
            let rows = chunk.map { number -> SQLQueryString in
                let name = index.keyNames[Int(number)]
                return "(\(bind: Int(number)), \(bind: name.dimension.rawValue), \(bind: name.key.text))"
            }
            // Another replica may have saved the same key (numbered alike: numbers follow the events' order).
            try await writer.add(chunk.count, """
                INSERT INTO insights_rollup_keys (key_number, dimension, key) VALUES \(rows.joined(separator: ", "))
                ON CONFLICT (key_number) DO NOTHING
                """)
        }
        for chunk in index.changedSubjects.sorted().chunked(100) {
            try await writer.add(chunk.count, upsert(into: "insights_rollup_subjects", columns: "subject_number, action, subject, users", conflict: "subject_number",
                                                     replacing: "users", stamp: stamp, rows: chunk.map { number in
                let name = index.subjectNames[Int(number)]
                return "\(bind: Int(number)), \(bind: name.action.text), \(bind: name.subject.text), \(bind: index.subjects[name.action]![name.subject]!.firsts.bytes)"
            }))
        }
        for chunk in index.changedDays.sorted().chunked(100) {
            try await writer.add(chunk.count, upsert(into: "insights_rollup_days", columns: "day, users", conflict: "day", replacing: "users", stamp: stamp,
                                                     rows: chunk.map { day in "\(bind: day), \(bind: index.days[day]!.bytes)" }))
        }
        for chunk in Array(index.changedKeyDays).chunked(200) {
            try await writer.add(chunk.count, upsert(into: "insights_rollup_key_days", columns: "key_number, day, users", conflict: "key_number, day",
                                                     replacing: "users", stamp: stamp, rows: chunk.map { keyDay in
                "\(bind: Int(keyDay.key)), \(bind: keyDay.day), \(bind: index.bucket(keyDay)!.bytes)"
            }))
        }
        // Last: only a complete save may say the snapshot holds its events.
        try await writer.add(1, raiseState("applied_seq", to: index.appliedSeq))
        try await writer.flush()
    }

    /// Inserts `rows` (each a list of `columns`' values) into `table`, replacing the `replacing`
    /// column of rows already there; with `stamp`, every row carries it and replaces only rows of a
    /// lower one.
    private static func upsert(into table: String, columns: String, conflict: String, replacing: String, stamp: Int64?,
                               rows: [SQLQueryString]) -> SQLQueryString {
        guard let stamp else {
            return """
                INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: columns)) VALUES \(rows.map { "(\($0))" as SQLQueryString }.joined(separator: ", "))
                ON CONFLICT (\(unsafeRaw: conflict)) DO UPDATE SET \(unsafeRaw: replacing) = excluded.\(unsafeRaw: replacing)
                """
        }
        return """
            INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: columns), saved_through)
            VALUES \(rows.map { "(\($0), \(bind: stamp))" as SQLQueryString }.joined(separator: ", "))
            ON CONFLICT (\(unsafeRaw: conflict)) DO UPDATE SET \(unsafeRaw: replacing) = excluded.\(unsafeRaw: replacing), saved_through = excluded.saved_through
            WHERE excluded.saved_through > \(unsafeRaw: table).saved_through
            """
    }
}

/// Statements gathered until they write about `rowsPerTransaction` rows, then run in one transaction.
private struct TransactionBatches {
    let rowsPerTransaction: Int
    let transaction: ActivitySnapshot.Transaction
    private var statements: [SQLQueryString] = []
    private var rows = 0

    init(rowsPerTransaction: Int, transaction: @escaping ActivitySnapshot.Transaction) {
        self.rowsPerTransaction = rowsPerTransaction
        self.transaction = transaction
    }

    /// Adds a statement writing `rowCount` rows; runs the gathered ones once they reach the size.
    mutating func add(_ rowCount: Int, _ statement: SQLQueryString) async throws {
        statements.append(statement)
        rows += rowCount
        if rows >= rowsPerTransaction { try await flush() }
    }

    mutating func flush() async throws {
        guard !statements.isEmpty else { return }
        let gathered = statements
        try await transaction { sql in
            for statement in gathered { try await sql.raw(statement).run() }
        }
        statements = []
        rows = 0
    }
}
