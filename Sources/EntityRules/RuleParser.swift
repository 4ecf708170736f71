import Catalog
import FoyerCore

/// Reads a rule from a descriptor field; every problem names the field path where it is.
public enum RuleParser {
    /// Deeper rules are refused: nobody writes them by hand, and evaluation recurses.
    public static let maxDepth = 16
    /// At most this many leaves in one rule.
    public static let maxLeaves = 200

    public static let operators = ["exists", "notExists", "equals", "notEquals", "in", "contains", "matches",
                                   "minLength", "greaterThan", "lessThan"]

    /// The rule in `value`, which sits at `field` of its descriptor (e.g. `spec.unlockedWhen`).
    public static func parse(_ value: JSONValue, field: String) -> Result<Rule, RuleProblems> {
        var problems: [FieldProblem] = []
        var leaves = 0
        let rule = parse(value, field: field, depth: 0, leaves: &leaves, problems: &problems)
        if let rule, problems.isEmpty { return .success(rule) }
        return .failure(RuleProblems(problems: problems))
    }

    private static func parse(_ value: JSONValue, field: String, depth: Int, leaves: inout Int, problems: inout [FieldProblem]) -> Rule? {
        guard depth < maxDepth else {
            problems.append(FieldProblem(field, "rules may nest at most \(maxDepth) levels"))
            return nil
        }
        guard case .object(let members) = value else {
            problems.append(FieldProblem(field, "a rule must be a mapping with all, any, not, or fact and operator (got \(value.typeName))"))
            return nil
        }
        let combinators = ["all", "any", "not"].filter { members[$0] != nil }
        if combinators.count > 1 || (combinators.count == 1 && members.count > 1) {
            problems.append(FieldProblem(field, "a rule holds exactly one of all, any, not, or a fact comparison (found \(members.keys.sorted().joined(separator: ", ")))"))
            return nil
        }
        switch combinators.first {
        case "all", "any":
            let key = combinators[0]
            guard case .array(let items) = members[key]! else {
                problems.append(FieldProblem("\(field).\(key)", "must be a list of rules"))
                return nil
            }
            let rules = items.enumerated().map { index, item in
                parse(item, field: "\(field).\(key)[\(index)]", depth: depth + 1, leaves: &leaves, problems: &problems)
            }
            let parsed = rules.compactMap { $0 }
            guard parsed.count == rules.count else { return nil }
            return key == "all" ? .all(parsed) : .any(parsed)
        case "not":
            return parse(members["not"]!, field: "\(field).not", depth: depth + 1, leaves: &leaves, problems: &problems).map(Rule.not)
        default:
            leaves += 1
            if leaves == maxLeaves + 1 { problems.append(FieldProblem(field, "a rule may compare at most \(maxLeaves) facts")) }
            return comparison(members, field: field, problems: &problems).map(Rule.leaf)
        }
    }

    private static func comparison(_ members: [String: JSONValue], field: String, problems: inout [FieldProblem]) -> Comparison? {
        let before = problems.count
        for key in members.keys.sorted() where !["fact", "operator", "value"].contains(key) {
            problems.append(FieldProblem("\(field).\(key)", "unknown key '\(key)' (a comparison has fact, operator and value)"))
        }
        var fact: FactPath?
        switch members["fact"] {
        case .string(let text) where !text.isEmpty && text.count <= 300: fact = FactPath(text)
        case nil: problems.append(FieldProblem("\(field).fact", "is required"))
        case let other?: problems.append(FieldProblem("\(field).fact", "must be a dotted path of 1 to 300 characters (got \(other.typeName))"))
        }
        guard case .string(let name)? = members["operator"] else {
            problems.append(FieldProblem("\(field).operator", members["operator"] == nil ? "is required" : "must be a string"))
            return nil
        }
        let value = members["value"]
        let valueField = "\(field).value"
        let check: Comparison.Check?
        switch name {
        case "exists": check = .exists
        case "notExists": check = .notExists
        case "equals": check = scalar(value, field: valueField, problems: &problems).map(Comparison.Check.equals)
        case "notEquals": check = scalar(value, field: valueField, problems: &problems).map(Comparison.Check.notEquals)
        case "contains": check = scalar(value, field: valueField, problems: &problems).map(Comparison.Check.contains)
        case "in":
            if case .array(let items)? = value, items.allSatisfy({ $0.scalarText != nil }) {
                check = .oneOf(items)
            } else {
                problems.append(FieldProblem(valueField, "operator 'in' needs a list of strings, numbers or booleans"))
                check = nil
            }
        case "matches":
            if case .string(let pattern)? = value, pattern.count <= 1000, let expression = WholeMatch(pattern) {
                check = .matches(expression)
            } else {
                let reason = value?.stringValue == nil ? "needs a regular expression as a string" : "'\(value!.stringValue!.prefix(100))' is not a valid regular expression"
                problems.append(FieldProblem(valueField, "operator 'matches' \(reason)"))
                check = nil
            }
        case "minLength":
            if case .number(let number)? = value, number >= 0, number == number.rounded(), number < 1e9 {
                check = .minLength(Int(number))
            } else {
                problems.append(FieldProblem(valueField, "operator 'minLength' needs a whole number of at least 0"))
                check = nil
            }
        case "greaterThan", "lessThan":
            if case .number(let number)? = value {
                check = name == "greaterThan" ? .greaterThan(number) : .lessThan(number)
            } else {
                problems.append(FieldProblem(valueField, "operator '\(name)' needs a number"))
                check = nil
            }
        default:
            problems.append(FieldProblem("\(field).operator", "unknown operator '\(name.prefix(100))' (expected one of \(operators.joined(separator: ", ")))"))
            check = nil
        }
        guard problems.count == before, let fact, let check else { return nil }
        return Comparison(fact: fact, check: check)
    }

    private static func scalar(_ value: JSONValue?, field: String, problems: inout [FieldProblem]) -> JSONValue? {
        if let value, value.scalarText != nil { return value }
        problems.append(FieldProblem(field, value == nil ? "is required for this operator" : "must be a string, number or boolean (got \(value!.typeName))"))
        return nil
    }
}

/// Why a rule could not be read: one problem per bad field.
public struct RuleProblems: Error, Sendable, Equatable {
    public let problems: [FieldProblem]

    public init(problems: [FieldProblem]) { self.problems = problems }
}
