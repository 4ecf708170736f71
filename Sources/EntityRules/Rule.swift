import Foundation
import Synchronization
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
    private let literal: LiteralMatch?

    /// Fails when `pattern` is not a valid regular expression.
    public init?(_ pattern: String) {
        guard let compiled = Self.compile(pattern) else { return nil }
        self.pattern = pattern
        expression = compiled
        literal = LiteralMatch(pattern)
    }

    /// Compiled expressions by pattern, so rules read again on every catalog refresh reuse them:
    /// on Linux, Foundation's NSRegularExpression keeps a copy of each long pattern it compiles
    /// for good (found by `scripts/fuzz`), so each distinct pattern should be compiled once.
    private static let compiled = Mutex<[String: Expression?]>([:])
    private static let maxCompiled = 4096

    private static func compile(_ pattern: String) -> Expression? {
        if let known = compiled.withLock({ $0[pattern] }) { return known }
        let made = (try? NSRegularExpression(pattern: "\\A(?:\(pattern))\\z")).map(Expression.init)
        compiled.withLock { if $0.count < maxCompiled { $0[pattern] = made } }
        return made
    }

    public func matches(_ text: String) -> Bool {
        if let literal, let answer = literal.matches(text) { return answer }
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

/// Patterns such as `.*-prod`, `team-.*`, `.*pay.*` or `(?i)user:.*`: a literal with `.*` on either
/// side, perhaps ignoring case, answered with a prefix, suffix or substring test instead of the
/// regular expression, which on Linux costs far more for every entity of the catalog.
struct LiteralMatch: Sendable {
    let literal: String
    let anyBefore: Bool
    let anyAfter: Bool
    let ignoringCase: Bool

    init?(_ pattern: String) {
        var rest = Substring(pattern)
        ignoringCase = rest.hasPrefix("(?i)")
        if ignoringCase { rest = rest.dropFirst(4) }
        anyBefore = rest.hasPrefix(".*")
        if anyBefore { rest = rest.dropFirst(2) }
        anyAfter = rest.hasSuffix(".*") && !rest.hasSuffix("\\.*")
        if anyAfter { rest = rest.dropLast(2) }
        // Letters, digits and a few punctuation marks only: nothing the regular expression would read differently.
        guard rest.utf8.allSatisfy({ $0 < 0x80 && (Self.plain.contains($0)) }) else { return nil }
        literal = ignoringCase ? rest.lowercased() : String(rest)
    }

    private static let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_:/ =,;'\"@#%&<>!~`".utf8)

    /// The answer, or nil when `text` holds what `.` would not match (line breaks, non-ASCII): then
    /// the regular expression decides.
    func matches(_ text: String) -> Bool? {
        guard text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
        // ASCII only, so lowercasing folds case exactly as the expression would.
        let text = ignoringCase ? text.lowercased() : text
        switch (anyBefore, anyAfter) {
        case (false, false): return text == literal
        case (true, false): return text.hasSuffix(literal)
        case (false, true): return text.hasPrefix(literal)
        // Foundation's `contains` says no to the empty string; `.*.*` matches any such text.
        case (true, true): return literal.isEmpty || text.contains(literal)
        }
    }
}
