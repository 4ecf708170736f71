import Foundation

/// Time as Foyer stores it: integer epoch milliseconds, portable across SQLite and PostgreSQL.
public struct EpochMillis: Sendable, Hashable, Comparable, Codable {
    public let value: Int64

    public init(_ value: Int64) { self.value = value }
    /// The millisecond `date` falls in. A parsed `…00.123Z` is 0.12299… seconds as a double, so a
    /// microsecond is added before rounding down; rounding to nearest could move `23:59:59.9996` into the next day.
    public init(_ date: Date) { self.value = Int64((date.timeIntervalSince1970 * 1000 + 0.001).rounded(.down)) }

    public static func now() -> EpochMillis { EpochMillis(Date()) }

    public var date: Date { Date(timeIntervalSince1970: Double(value) / 1000) }

    /// ISO 8601 in UTC with milliseconds, e.g. `2026-11-25T16:44:56.123Z`. The milliseconds are
    /// written from the integer: a double's fraction would print `.122` for `.123`.
    public var iso8601: String {
        let millis = ((value % 1000) + 1000) % 1000  // 0...999 before 1970 too
        let whole = Date(timeIntervalSince1970: Double((value - millis) / 1000)).formatted(Date.ISO8601FormatStyle())
        let fraction = String(millis)
        return whole.dropLast() + "." + String(repeating: "0", count: 3 - fraction.count) + fraction + "Z"
    }

    public static func < (lhs: EpochMillis, rhs: EpochMillis) -> Bool { lhs.value < rhs.value }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let parsed = EpochMillis(iso8601: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not an ISO 8601 timestamp")
        }
        self = parsed
    }

    /// Parses ISO 8601 timestamps with or without fractional seconds (`t` and `z` in either case,
    /// as RFC 3339 allows); nil when malformed.
    public init?(iso8601 text: String) {
        let text = text.uppercased()
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) {
            self.init(date)
        } else if let date = try? Date.ISO8601FormatStyle().parse(text) {
            self.init(date)
        } else {
            return nil
        }
    }
}
