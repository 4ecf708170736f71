import Foundation
import SQLKit

/// Inserts many rows with one bound parameter per statement: the rows travel as one JSON array
/// that the engine unpacks (`jsonb_each` on SQLite, `jsonb_array_elements` on PostgreSQL), so no
/// value is bound, encoded and checked on its own. For large writes such as a catalog location.
/// (SQLite's `jsonb_each` hands each row over in its binary form; `json_each` would write it out as
/// text for every value to parse again.)
public struct BulkInsert: Sendable {
    public enum ColumnType: Sendable { case text, integer, real }

    /// One column value.
    public enum Value: Sendable {
        case text(String)
        case integer(Int64)
        case real(Double)
        case null

        public init(_ text: String?) { self = text.map(Value.text) ?? .null }
        public init(_ number: Double?) { self = number.map(Value.real) ?? .null }
    }

    public let table: String
    public let columns: [(name: String, type: ColumnType)]

    /// A statement's JSON is cut after the row that reaches this size, so no bound text grows without bound.
    static let maxStatementBytes = 1 << 20

    public init(into table: String, columns: [(String, ColumnType)]) {
        self.table = table
        self.columns = columns.map { (name: $0.0, type: $0.1) }
    }

    /// Inserts `rows`, each one value per column in column order, in as few statements as the size limit allows.
    public func run(_ rows: [[Value]], on sql: any SQLDatabase) async throws {
        try await run(encoded: encode(rows), on: sql)
    }

    /// The JSON text of one statement's rows, and how many rows it holds.
    public struct Payload: Sendable {
        public let json: String
        public let rows: Int
    }

    /// `rows` as the JSON texts of the statements that insert them; encoding is most of the Swift
    /// side's work, so callers may do it before they take a transaction.
    public func encode(_ rows: [[Value]]) -> [String] {
        encodeCounted(rows).map(\.json)
    }

    /// `encode` with each statement's row count.
    public func encodeCounted(_ rows: [[Value]]) -> [Payload] {
        var encoder = Encoder(columns: columns.count, table: table)
        for row in rows { encoder.append(row) }
        return encoder.payloads()
    }

    /// Encodes rows one at a time as `encodeCounted` does, for callers that make many rows and
    /// need not hold them all.
    public func encoder() -> Encoder { Encoder(columns: columns.count, table: table) }

    /// Rows written straight into statement-sized JSON arrays.
    public struct Encoder {
        let columns: Int
        let table: String
        private var finished: [Payload] = []
        private var json: [UInt8] = []
        private var count = 0

        init(columns: Int, table: String) {
            self.columns = columns
            self.table = table
        }

        /// Adds one row: one value per column, in column order.
        public mutating func append(_ row: [Value]) {
            precondition(row.count == columns, "a bulk row for \(table) has \(row.count) values, not \(columns)")
            if json.isEmpty { json.reserveCapacity(64 * 1024) }
            json.append(UInt8(ascii: json.isEmpty ? "[" : ","))
            json.append(UInt8(ascii: "["))
            for (index, value) in row.enumerated() {
                if index > 0 { json.append(UInt8(ascii: ",")) }
                switch value {
                case .text(let text): JSONWriter.writeString(text, into: &json)
                case .integer(let number): JSONWriter.writeInteger(number, into: &json)
                case .real(let number): JSONWriter.writeNumber(number, into: &json)
                case .null: json.append(contentsOf: "null".utf8)
                }
            }
            json.append(UInt8(ascii: "]"))
            count += 1
            if json.count >= BulkInsert.maxStatementBytes { cut() }
        }

        /// The statements' JSON so far, each with its row count.
        public mutating func payloads() -> [Payload] {
            if !json.isEmpty { cut() }
            return finished
        }

        private mutating func cut() {
            json.append(UInt8(ascii: "]"))
            finished.append(Payload(json: String(decoding: json, as: UTF8.self), rows: count))
            json.removeAll(keepingCapacity: true)
            count = 0
        }
    }

    /// Inserts the rows of `payloads` (from `encodeCounted`), numbering them in order from `first`
    /// into `numberColumn` (not one of `columns`) and skipping each row whose `uniqueColumn` is
    /// already stored or repeats an earlier row's; returns the numbers of the rows inserted.
    public func insertNumbered(_ payloads: [Payload], numberColumn: String, from first: Int64, skippingConflictsOn uniqueColumn: String,
                               on sql: any SQLDatabase) async throws -> Set<Int64> {
        let statement = numberedStatement(dialect: sql.dialect.name, numberColumn: numberColumn, uniqueColumn: uniqueColumn)
        var inserted = Set<Int64>()
        var next = first
        for payload in payloads {
            let query: SQLQueryString = "\(unsafeRaw: statement.prefix)\(bind: next)\(unsafeRaw: statement.middle)\(bind: payload.json)\(unsafeRaw: statement.suffix)"
            for row in try await sql.raw(query).all() { inserted.insert(try row.decode(column: numberColumn, as: Int64.self)) }
            next += Int64(payload.rows)
        }
        return inserted
    }

    /// Inserts rows `encode` made. With `offset`, the first column (an integer) is stored plus
    /// `offset`: rows encoded before their keys are known hold positions, and the writer adds the
    /// first key it allocated.
    public func run(encoded payloads: [String], offsettingFirstColumnBy offset: Int64? = nil, on sql: any SQLDatabase) async throws {
        guard !payloads.isEmpty else { return }
        let statement = self.statement(dialect: sql.dialect.name, firstColumnOffset: offset)
        for rows in payloads {
            try await sql.raw("\(unsafeRaw: statement.prefix)\(bind: rows)\(unsafeRaw: statement.suffix)").run()
        }
    }

    /// The statement around the bound JSON: `INSERT … SELECT <each element's values> FROM <unpacked JSON>`.
    func statement(dialect: String, firstColumnOffset: Int64? = nil) -> (prefix: String, suffix: String) {
        let names = columns.map { Self.quoted($0.name) }.joined(separator: ", ")
        let insert = "INSERT INTO \(Self.quoted(table)) (\(names)) SELECT "
        var values = dialect == "postgresql" ? postgresValues : sqliteValues
        // An integer the caller computed, never text from outside: written into the statement as is.
        if let firstColumnOffset { values[0] = "\(firstColumnOffset) + \(values[0])" }
        let selected = values.joined(separator: ", ")
        if dialect == "postgresql" { return (insert + selected + " FROM jsonb_array_elements(", "::jsonb) AS e") }
        return (insert + selected + " FROM jsonb_each(", ")")
    }

    /// `INSERT … SELECT <first> + <position>, <each element's values> FROM <unpacked JSON> ON CONFLICT
    /// DO NOTHING RETURNING <number>`, around the bound first number and JSON.
    func numberedStatement(dialect: String, numberColumn: String, uniqueColumn: String) -> (prefix: String, middle: String, suffix: String) {
        let names = ([numberColumn] + columns.map(\.name)).map(Self.quoted).joined(separator: ", ")
        let insert = "INSERT INTO \(Self.quoted(table)) (\(names)) SELECT "
        let conflict = " ON CONFLICT (\(Self.quoted(uniqueColumn))) DO NOTHING RETURNING \(Self.quoted(numberColumn))"
        if dialect == "postgresql" {
            return (insert + "CAST(", " AS bigint) + n - 1, " + postgresValues.joined(separator: ", ") + " FROM jsonb_array_elements(",
                    "::jsonb) WITH ORDINALITY AS unpacked(e, n)" + conflict)
        }
        // SQLite needs a WHERE before ON CONFLICT to read the upsert clause as one.
        return (insert + "CAST(", " AS INTEGER) + key, " + sqliteValues.joined(separator: ", ") + " FROM jsonb_each(", ") WHERE true" + conflict)
    }

    private var postgresValues: [String] {
        columns.enumerated().map { index, column in
            switch column.type {
            case .text: "(e ->> \(index))"
            case .integer: "(e ->> \(index))::bigint"
            case .real: "(e ->> \(index))::double precision"
            }
        }
    }

    private var sqliteValues: [String] {
        columns.indices.map { "json_extract(value, '$[\($0)]')" }
    }

    private static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
