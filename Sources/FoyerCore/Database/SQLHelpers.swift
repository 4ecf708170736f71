import SQLKit

extension Array {
    /// Consecutive slices of at most `size` elements (for bounded `IN (…)` lists and multi-row inserts).
    public func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}

extension Array where Element == SQLQueryString {
    /// The fragments joined by `separator`, bindings kept.
    public func joined(separator: String) -> SQLQueryString {
        guard var result = first else { return "" }
        for part in dropFirst() { result += SQLQueryString(separator) + part }
        return result
    }
}

extension String {
    /// This text with LIKE's wildcards (`%`, `_`) and the escape character taken literally, for a
    /// pattern followed by `ESCAPE '\'`.
    public var escapedForLike: String {
        replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}

extension SQLQueryString {
    /// `(SELECT <each text>)` for `column IN …`: the texts bound as one JSON array, where
    /// `IN (?, ?, …)` binds and converts each one (a large part of looking up thousands of keys).
    public static func textList(_ texts: [String], dialect: String) -> SQLQueryString {
        let bound = JSONValue.array(texts.map(JSONValue.string)).jsonText()
        if dialect == "postgresql" { return "(SELECT jsonb_array_elements_text(\(bind: bound)::jsonb))" }
        return "(SELECT value FROM json_each(\(bind: bound)))"
    }
}
