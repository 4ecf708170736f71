import Foundation
import Catalog
import FoyerCore

/// Reads typed fields of a Foyer descriptor, collecting a problem per bad field instead of stopping.
public struct DescriptorFields {
    public private(set) var problems: [FieldProblem] = []

    public init() {}

    public mutating func report(_ field: String, _ message: String) {
        problems.append(FieldProblem(field, message))
    }

    /// A string at `field`, or nil (with a problem when `required` or of the wrong type).
    public mutating func string(_ value: JSONValue?, _ field: String, required: Bool = false, maxLength: Int = 4000) -> String? {
        switch value {
        case nil, .null?:
            if required { report(field, "is required") }
            return nil
        case .string(let text)?:
            if required && text.trimmingCharacters(in: .whitespaces).isEmpty { report(field, "must not be empty"); return nil }
            if text.count > maxLength { report(field, "must be at most \(maxLength) characters"); return nil }
            return text
        case let other?:
            report(field, "must be a string (got \(other.typeName))")
            return nil
        }
    }

    public mutating func bool(_ value: JSONValue?, _ field: String) -> Bool {
        switch value {
        case nil, .null?: return false
        case .bool(let flag)?: return flag
        case let other?:
            report(field, "must be true or false (got \(other.typeName))")
            return false
        }
    }

    /// A date as `YYYY-MM-DD` at `field` (YAML may also give it unquoted, which the parser keeps as text).
    public mutating func day(_ value: JSONValue?, _ field: String, required: Bool = true) -> Day? {
        guard let text = string(value, field, required: required, maxLength: 40) else { return nil }
        guard let day = Day(iso: String(text.prefix(10))), text.count == 10 else {
            report(field, "'\(text)' is not a date (YYYY-MM-DD)")
            return nil
        }
        return day
    }

    /// A whole number at `field` within `range`, or nil (with a problem when present but not one).
    public mutating func integer(_ value: JSONValue?, _ field: String, in range: ClosedRange<Int>) -> Int? {
        switch value {
        case nil, .null?: return nil
        case .number(let number)? where number.rounded() == number && range.contains(Int(exactly: number) ?? Int.min):
            return Int(number)
        case let other?:
            report(field, "must be a whole number from \(range.lowerBound) to \(range.upperBound) (got \(other.scalarText ?? other.typeName))")
            return nil
        }
    }

    /// Reports keys of `members` that are not in `allowed`, under `field`.
    public mutating func rejectUnknownKeys(_ members: [String: JSONValue], allowed: Set<String>, in field: String) {
        for key in members.keys.sorted() where !allowed.contains(key) {
            report("\(field).\(key)", "unknown field '\(key)' (allowed: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    /// The value of a parse that may fail, its problems added to these.
    public mutating func take<Value>(_ result: Result<Value, RuleProblems>) -> Value? {
        switch result {
        case .success(let value): return value
        case .failure(let failure):
            problems += failure.problems
            return nil
        }
    }
}
