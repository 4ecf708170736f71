import Foundation

/// A request's query string, decoded (`+` as space, percent escapes), with repeated and `name[]` keys.
public struct QueryParameters: Sendable {
    public let pairs: [(key: String, value: String)]

    public init(_ query: String?) {
        pairs = (query ?? "").split(separator: "&").map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (Self.decode(pieces[0]), pieces.count > 1 ? Self.decode(pieces[1]) : "")
        }
    }

    static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// Every value of `name`, also written `name[]` or `name[0]`, in order.
    public func all(_ name: String) -> [String] {
        pairs.filter { $0.key == name || ($0.key.hasPrefix(name + "[") && $0.key.hasSuffix("]")) }.map(\.value)
    }

    public func first(_ name: String) -> String? { all(name).first }

    /// An integer parameter within `range`; 400 naming the parameter otherwise.
    public func integer(_ name: String, in range: ClosedRange<Int>) throws(FoyerError) -> Int? {
        guard let text = first(name) else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw .badRequest("query parameter '\(name)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// A yes/no parameter taking the words Backstage's `yn` takes (`true`, `yes`, `y`, `1`, `on` and
    /// their opposites, any case); nil when absent. Anything else is a 400 naming the parameter, where
    /// `yn` would quietly read false: a typo must not turn a dry run into a real one.
    public func flag(_ name: String) throws(FoyerError) -> Bool? {
        guard let text = first(name) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "y", "1", "on": return true
        case "false", "no", "n", "0", "off": return false
        default: throw .badRequest("query parameter '\(name)' must be true or false, not '\(text.prefix(40))'")
        }
    }
}
