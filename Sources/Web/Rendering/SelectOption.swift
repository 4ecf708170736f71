import Foundation
import FoyerCore

/// One `<option>` of a select: its value and whether it is the chosen one.
struct SelectOption {
    let value: String
    let selected: Bool

    /// Options for `values`, with `selected` chosen.
    static func list(_ values: [String], selected: String?) -> [SelectOption] {
        values.map { SelectOption(value: $0, selected: $0 == selected) }
    }
}

/// Times as pages show them: `2026-11-25 16:44:56 UTC`.
enum TimeText {
    static func utc(_ time: EpochMillis) -> String {
        time.date.formatted(Date.ISO8601FormatStyle()).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC")
    }
}
