import Foundation

/// Time as Foyer stores it: integer epoch milliseconds, portable across SQLite and PostgreSQL.
public struct EpochMillis: Sendable, Hashable, Comparable, Codable {
    public let value: Int64

    public init(_ value: Int64) { self.value = value }
    public init(_ date: Date) { self.value = Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    public static func now() -> EpochMillis { EpochMillis(Date()) }

    public var date: Date { Date(timeIntervalSince1970: Double(value) / 1000) }

    /// ISO 8601 in UTC with milliseconds, e.g. `2026-11-25T16:44:56.123Z`.
    public var iso8601: String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
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

    /// Parses ISO 8601 timestamps with or without fractional seconds; nil when malformed.
    public init?(iso8601 text: String) {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) {
            self.init(date)
        } else if let date = try? Date.ISO8601FormatStyle().parse(text) {
            self.init(date)
        } else {
            return nil
        }
    }
}
