import FoyerCore
import SQLKit

extension ActivitySnapshot {
    /// Runs its body in one transaction.
    typealias Transaction = (_ body: (any SQLDatabase) async throws -> Void) async throws -> Void
    /// Runs its body on the index, as it is at that moment (under its lock, for a live one).
    typealias IndexReader = (_ body: (ActivityIndex) -> StatementRows) -> StatementRows

    /// Rows for one statement, read from the index when it held events up to `through`.
    struct StatementRows {
        var rows: [SQLQueryString] = []
        var bytes = 0
        var through: Int64 = 0
    }

    /// Writes the rows `changes` names, then raises the saved sequence number to `through` (the
    /// index's when the changes were taken), in transactions of about `bytesPerTransaction` each:
    /// between them other writers (ingest) get the database.
    ///
    /// Rows are read from the index a statement at a time, as it is then: a live index is neither
    /// held nor copied meanwhile. Each stamped row carries the number its index held events up to
    /// when it was read (maybe past `through`), and replaces only rows of a lower stamp, so a save
    /// overtaken by a newer one (another replica's) leaves the newer rows alone.
    static func save(_ changes: ActivityIndex.Changes, through: Int64, stamped: Bool = true, bytesPerTransaction: Int = 512 * 1024,
                     reading read: @escaping IndexReader, in transaction: @escaping Transaction) async throws {
        var writer = TransactionBatches(bytesPerTransaction: bytesPerTransaction, stamped: stamped, read: read, transaction: transaction)
        try await writer.add(changes.users.sorted(), row: { index, number in
            ("\(bind: Int(number)), \(bind: index.refs[Int(number)]), \(bind: index.firstAt[Int(number)])", 64)
        }, statement: {
            upsert(into: "insights_rollup_users", columns: "user_number, user_ref, first_at", conflict: "user_number", replacing: "first_at", stamp: $1, rows: $0)
        })
        try await writer.add(changes.keys.sorted(), row: { index, number in
            let name = index.keyNames[Int(number)]
            return ("\(bind: Int(number)), \(bind: name.dimension.rawValue), \(bind: name.key.text)", 64 + name.key.text.utf8.count)
        }, statement: { rows, _ in
            // Another replica may have saved the same key (numbered alike: numbers follow the events' order).
            """
            INSERT INTO insights_rollup_keys (key_number, dimension, key) VALUES \(valuesList(rows))
            ON CONFLICT (key_number) DO NOTHING
            """
        })
        try await writer.add(changes.subjects.sorted(), row: { index, number in
            let name = index.subjectNames[Int(number)]
            let users = index.subjects[name.action]![name.subject]!.firsts.bytes
            return ("\(bind: Int(number)), \(bind: name.action.text), \(bind: name.subject.text), \(bind: users)", 64 + users.count)
        }, statement: {
            upsert(into: "insights_rollup_subjects", columns: "subject_number, action, subject, users", conflict: "subject_number", replacing: "users", stamp: $1, rows: $0)
        })
        try await writer.add(changes.days.sorted(), row: { index, day in
            let users = index.days[day]!.bytes
            return ("\(bind: day), \(bind: users)", 16 + users.count)
        }, statement: {
            upsert(into: "insights_rollup_days", columns: "day, users", conflict: "day", replacing: "users", stamp: $1, rows: $0)
        })
        // In stored order: each transaction then rewrites neighbouring pages (in random order, the
        // key-days of 2.5 million events took five times as long, in transactions of 2,000 rows).
        try await writer.add(changes.keyDays.sorted(by: { $0.stored < $1.stored }), row: { index, keyDay in
            let users = index.bucket(keyDay)!.bytes
            return stamped ? ("\(bind: keyDay.stored), \(bind: users)", 16 + users.count)
                : ("\(bind: Int(keyDay.key)), \(bind: keyDay.day), \(bind: users)", 16 + users.count)
        }, statement: {
            stamped ? upsert(into: "insights_rollup_key_days", columns: "key_day, users", conflict: "key_day", replacing: "users", stamp: $1, rows: $0)
                : upsert(into: "insights_rollup_key_days", columns: "key_number, day, users", conflict: "key_number, day", replacing: "users", stamp: nil, rows: $0)
        })
        // Last: only a complete save may say the snapshot holds its events.
        try await writer.add(raiseState("applied_seq", to: through), bytes: 0)
        try await writer.flush()
    }

    /// Writes all `index` changed in the caller's transaction, without stamps: as the migrations
    /// before `insights.005` did.
    static func save(whole index: ActivityIndex, _ sql: any SQLDatabase) async throws {
        try await save(index.changes, through: index.appliedSeq, stamped: false, reading: { $0(index) }) { try await $0(sql) }
    }

    /// Inserts `rows` (each a list of `columns`' values) into `table`, replacing the `replacing`
    /// column of rows already there; with `stamp`, every row carries it and replaces only rows of a
    /// lower one.
    fileprivate static func upsert(into table: String, columns: String, conflict: String, replacing: String, stamp: Int64?,
                                   rows: [SQLQueryString]) -> SQLQueryString {
        let stampColumn = stamp == nil ? "" : ", saved_through"
        let newerOnly: SQLQueryString = stamp == nil ? ""
            : ", saved_through = excluded.saved_through WHERE excluded.saved_through > \(unsafeRaw: table).saved_through"
        return """
            INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: columns + stampColumn)) VALUES \(valuesList(rows, stamp: stamp))
            ON CONFLICT (\(unsafeRaw: conflict)) DO UPDATE SET \(unsafeRaw: replacing) = excluded.\(unsafeRaw: replacing)\(newerOnly)
            """
    }

    /// `rows` as a `VALUES` list, each followed by `stamp` when there is one.
    fileprivate static func valuesList(_ rows: [SQLQueryString], stamp: Int64? = nil) -> SQLQueryString {
        rows.map { row in stamp.map { "(\(row), \(bind: $0))" } ?? "(\(row))" }.joined(separator: ", ")
    }
}

/// Statements gathered until they write about `bytesPerTransaction`, then run in one transaction.
private struct TransactionBatches {
    let bytesPerTransaction: Int
    let stamped: Bool
    let read: ActivitySnapshot.IndexReader
    let transaction: ActivitySnapshot.Transaction
    private var statements: [SQLQueryString] = []
    private var bytes = 0

    init(bytesPerTransaction: Int, stamped: Bool, read: @escaping ActivitySnapshot.IndexReader, transaction: @escaping ActivitySnapshot.Transaction) {
        self.bytesPerTransaction = bytesPerTransaction
        self.stamped = stamped
        self.read = read
        self.transaction = transaction
    }

    /// Writes a row per item (its values and about how many bytes they take), up to 200 rows and
    /// about a quarter of a transaction's bytes to a statement; `statement` gets the rows and their
    /// stamp (nil when unstamped).
    mutating func add<Item>(_ items: [Item], row: (ActivityIndex, Item) -> (values: SQLQueryString, bytes: Int),
                            statement: ([SQLQueryString], Int64?) -> SQLQueryString) async throws {
        var next = items.startIndex
        let limit = bytesPerTransaction / 4
        while next < items.endIndex {
            let slice = read { index in
                var slice = ActivitySnapshot.StatementRows(through: index.appliedSeq)
                while next < items.endIndex, slice.rows.count < 200, slice.bytes < limit {
                    let (values, size) = row(index, items[next])
                    slice.rows.append(values)
                    slice.bytes += size
                    next += 1
                }
                return slice
            }
            try await add(statement(slice.rows, stamped ? slice.through : nil), bytes: slice.bytes)
        }
    }

    /// Adds one statement writing about `added` bytes.
    mutating func add(_ statement: SQLQueryString, bytes added: Int) async throws {
        statements.append(statement)
        bytes += added
        if bytes >= bytesPerTransaction { try await flush() }
    }

    mutating func flush() async throws {
        guard !statements.isEmpty else { return }
        let gathered = statements
        try await transaction { sql in
            for statement in gathered { try await sql.raw(statement).run() }
        }
        statements = []
        bytes = 0
    }
}
