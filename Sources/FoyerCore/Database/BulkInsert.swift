import Foundation
import SQLKit

/// Inserts many rows with one bound parameter per statement: the rows travel as one JSON array
/// that the engine unpacks (`json_each` on SQLite, `jsonb_array_elements` on PostgreSQL), so no
/// value is bound, encoded and checked on its own. For large writes such as a catalog location.
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

    /// `rows` as the JSON texts of the statements that insert them; encoding is most of the Swift
    /// side's work, so callers may do it before they take a transaction.
    public func encode(_ rows: [[Value]]) -> [String] {
        var payloads: [String] = []
        var json = ""
        for row in rows {
            precondition(row.count == columns.count, "a bulk row for \(table) has \(row.count) values, not \(columns.count)")
            json += json.isEmpty ? "[[" : ",["
            for (index, value) in row.enumerated() {
                if index > 0 { json += "," }
                switch value {
                case .text(let text): JSONWriter.writeString(text, into: &json)
                case .integer(let number): json += String(number)
                case .real(let number): json += JSONWriter.format(number)
                case .null: json += "null"
                }
            }
            json += "]"
            if json.utf8.count >= Self.maxStatementBytes {
                payloads.append(json + "]")
                json = ""
            }
        }
        if !json.isEmpty { payloads.append(json + "]") }
        return payloads
    }

    /// Inserts rows `encode` made.
    public func run(encoded payloads: [String], on sql: any SQLDatabase) async throws {
        guard !payloads.isEmpty else { return }
        let statement = self.statement(dialect: sql.dialect.name)
        for rows in payloads {
            try await sql.raw("\(unsafeRaw: statement.prefix)\(bind: rows)\(unsafeRaw: statement.suffix)").run()
        }
    }

    /// The statement around the bound JSON: `INSERT … SELECT <each element's values> FROM <unpacked JSON>`.
    func statement(dialect: String) -> (prefix: String, suffix: String) {
        let names = columns.map { Self.quoted($0.name) }.joined(separator: ", ")
        let insert = "INSERT INTO \(Self.quoted(table)) (\(names)) SELECT "
        if dialect == "postgresql" {
            let values = columns.enumerated().map { index, column in
                switch column.type {
                case .text: "(e ->> \(index))"
                case .integer: "(e ->> \(index))::bigint"
                case .real: "(e ->> \(index))::double precision"
                }
            }
            return (insert + values.joined(separator: ", ") + " FROM jsonb_array_elements(", "::jsonb) AS e")
        }
        let values = columns.indices.map { "json_extract(value, '$[\($0)]')" }
        return (insert + values.joined(separator: ", ") + " FROM json_each(", ")")
    }

    private static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
