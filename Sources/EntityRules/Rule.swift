import Foundation
import FoyerCore

/// One condition of the rule language: `all`, `any`, `not`, or a leaf comparing a fact.
public indirect enum Rule: Sendable, Equatable {
    case all([Rule])
    case any([Rule])
    case not(Rule)
    case leaf(Comparison)
}

/// A leaf of a rule: `{fact, operator, value}`.
public struct Comparison: Sendable, Equatable {
    public let fact: FactPath
    public let check: Check

    /// The operator and its (already type-checked) value.
    public enum Check: Sendable, Equatable {
        case exists
        case notExists
        case equals(JSONValue)
        case notEquals(JSONValue)
        case oneOf([JSONValue])
        case contains(JSONValue)
        case matches(WholeMatch)
        case minLength(Int)
        case greaterThan(Double)
        case lessThan(Double)
    }

    public init(fact: FactPath, check: Check) {
        self.fact = fact
        self.check = check
    }
}

/// A regular expression that must match a whole string; compiled once, when the rule is parsed.
public struct WholeMatch: Sendable, Equatable {
    public let pattern: String
    private let expression: Expression

    /// Fails when `pattern` is not a valid regular expression.
    public init?(_ pattern: String) {
        guard let compiled = try? NSRegularExpression(pattern: "\\A(?:\(pattern))\\z") else { return nil }
        self.pattern = pattern
        expression = Expression(compiled)
    }

    public func matches(_ text: String) -> Bool {
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return expression.regex.firstMatch(in: text, options: [], range: range) != nil
    }

    public static func == (lhs: WholeMatch, rhs: WholeMatch) -> Bool { lhs.pattern == rhs.pattern }

    /// NSRegularExpression is immutable and documented as safe to share between threads.
    private final class Expression: @unchecked Sendable {
        let regex: NSRegularExpression
        init(_ regex: NSRegularExpression) { self.regex = regex }
    }
}
