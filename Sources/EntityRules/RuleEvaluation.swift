import Foundation
import FoyerCore

extension Rule {
    /// Whether `entity` (as the catalog API serves it, with `relations`) satisfies this rule.
    public func isSatisfied(by entity: JSONValue) -> Bool {
        isSatisfied(by: FactDocument(entity))
    }

    /// The same for an entity prepared once for many rules.
    public func isSatisfied(by entity: FactDocument) -> Bool {
        switch self {
        case .all(let rules): rules.allSatisfy { $0.isSatisfied(by: entity) }
        case .any(let rules): rules.contains { $0.isSatisfied(by: entity) }
        case .not(let rule): !rule.isSatisfied(by: entity)
        case .leaf(let comparison): comparison.isSatisfied(by: entity)
        }
    }
}

extension Comparison {
    public func isSatisfied(by entity: FactDocument) -> Bool {
        isSatisfied(byValue: fact.resolve(in: entity), namespace: entity.namespace)
    }

    /// Whether the fact's value (nil when the fact is missing) satisfies this comparison; refs
    /// without a namespace are in the entity's `namespace`.
    func isSatisfied(byValue value: JSONValue?, namespace: String) -> Bool {
        guard let value else {
            // A missing fact is false for every operator but these two.
            switch check {
            case .notExists, .notEquals: return true
            default: return false
            }
        }
        let refs = fact.holdsEntityRefs ? RefDefaults(kind: fact.refDefaultKind, namespace: namespace) : nil
        switch check {
        case .exists: return Self.isPresent(value)
        case .notExists: return !Self.isPresent(value)
        case .equals(let expected): return Self.scalarEquals(value, expected, refs: refs)
        case .notEquals(let expected): return !Self.scalarEquals(value, expected, refs: refs)
        case .oneOf(let expected): return expected.contains { Self.scalarEquals(value, $0, refs: refs) }
        case .contains(let expected):
            switch value {
            case .array(let items): return items.contains { Self.scalarEquals($0, expected, refs: refs) }
            case .string(let text): return expected.scalarText.map { text.contains($0) } ?? false
            default: return false
            }
        case .matches(let expression):
            guard case .string(let text) = value else { return false }
            return expression.matches(text)
        case .minLength(let minimum):
            switch value {
            case .string(let text): return text.unicodeScalars.count >= minimum  // code points, as event lengths count
            case .array(let items): return items.count >= minimum
            default: return false
            }
        case .greaterThan(let bound):
            guard case .number(let number) = value else { return false }
            return number > bound
        case .lessThan(let bound):
            guard case .number(let number) = value else { return false }
            return number < bound
        }
    }

    /// Present and not null, `""`, `[]` or `{}`.
    static func isPresent(_ value: JSONValue) -> Bool {
        switch value {
        case .null: false
        case .string(let text): !text.isEmpty
        case .array(let items): !items.isEmpty
        case .object(let members): !members.isEmpty
        case .bool, .number: true
        }
    }

    /// Scalars compare by value (case-sensitively); entity refs (`refs` given) after normalising both sides.
    static func scalarEquals(_ value: JSONValue, _ expected: JSONValue, refs: RefDefaults?) -> Bool {
        switch (value, expected) {
        case (.number(let left), .number(let right)): return left == right
        case (.bool(let left), .bool(let right)): return left == right
        case (.string(let left), .string(let right)):
            guard let refs else { return left == right }
            return NormalisedRef(left, refs) == NormalisedRef(right, refs)
        case (.null, _), (.array, _), (.object, _), (_, .null), (_, .array), (_, .object): return false
        default:
            // A number or boolean written as text in YAML (`"3"`, `"true"`) equals the typed value.
            return value.scalarText == expected.scalarText
        }
    }
}

/// What a ref in a field means when it leaves parts out, as the catalog reads the field: the field's
/// default kind (nil: any kind) and the entity's namespace.
struct RefDefaults {
    let kind: String?
    let namespace: String
}

/// `[kind:][namespace/]name` lowercased, with the missing parts from `RefDefaults`; a kind still
/// missing matches any kind.
struct NormalisedRef: Equatable {
    let kind: String?
    let namespace: String
    let name: String

    init(_ text: String, _ defaults: RefDefaults) {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces).lowercased())
        var kind = defaults.kind
        if let colon = rest.firstIndex(of: ":") {
            kind = String(rest[..<colon])
            rest = rest[rest.index(after: colon)...]
        }
        var namespace = defaults.namespace
        if let slash = rest.firstIndex(of: "/") {
            namespace = String(rest[..<slash])
            rest = rest[rest.index(after: slash)...]
        }
        self.kind = kind
        self.namespace = namespace
        name = String(rest)
    }

    static func == (lhs: NormalisedRef, rhs: NormalisedRef) -> Bool {
        guard lhs.name == rhs.name, lhs.namespace == rhs.namespace else { return false }
        guard let left = lhs.kind, let right = rhs.kind else { return true }
        return left == right
    }
}
