import Catalog
import FoyerCore

/// Which entities a descriptor applies to (`spec.appliesTo`): a catalog filter, or by default every
/// entity but `Location` and Foyer's own descriptor kinds.
public struct Scope: Sendable, Equatable {
    /// nil: the default scope.
    public let filter: EntityFilter?

    public static let everyEntity = Scope(filter: nil)

    /// Kinds the default scope leaves out (lowercased).
    public static let descriptorKinds: Set<String> = ["location", "feature", "learningpath", "check", "track", "campaign", "survey"]

    public init(filter: EntityFilter?) { self.filter = filter }

    /// Reads `appliesTo` at `field`: missing, a filter string, or a list of them (ORed).
    public static func parse(_ value: JSONValue?, field: String) -> Result<Scope, RuleProblems> {
        let texts: [String]
        switch value {
        case nil, .null?: return .success(.everyEntity)
        case .string(let text)?: texts = [text]
        case .array(let items)? where items.allSatisfy({ $0.stringValue != nil }): texts = items.compactMap(\.stringValue)
        case let other?:
            return .failure(RuleProblems(problems: [FieldProblem(field, "must be a filter like 'kind=component,spec.type=service' or a list of them (got \(other.typeName))")]))
        }
        do {
            let filter = try EntityFilter.parse(texts)
            guard !filter.isEmpty else { return .failure(RuleProblems(problems: [FieldProblem(field, "must hold at least one filter condition")])) }
            return .success(Scope(filter: filter))
        } catch {
            return .failure(RuleProblems(problems: [FieldProblem(field, error.message)]))
        }
    }

    public func contains(_ entity: FilterableEntity, kind: String) -> Bool {
        guard let filter else { return !Self.descriptorKinds.contains(kind.lowercased()) }
        return filter.matches(entity)
    }
}

extension Scope {
    /// For the default scope only, which needs nothing but the kind: skips flattening the entity.
    public func contains(kindOnly kind: String) -> Bool {
        filter == nil && !Self.descriptorKinds.contains(kind.lowercased())
    }

    /// `entity` is flattened only when some scope being checked has a filter; nil means none has.
    public func contains(_ entity: FilterableEntity?, kind: String) -> Bool {
        entity.map { contains($0, kind: kind) } ?? contains(kindOnly: kind)
    }
}

/// The scopes of many descriptors, each distinct one tested once per entity and the entity
/// flattened once for all of them (and only when some scope has a filter).
public struct ScopeSet: Sendable {
    private let distinct: [Scope]
    /// For each descriptor, the position of its scope in `distinct`.
    private let positions: [Int]
    private let keys: FilterKeys?

    public init(_ scopes: [Scope]) {
        var distinct: [Scope] = []
        positions = scopes.map { scope in
            if let position = distinct.firstIndex(of: scope) { return position }
            distinct.append(scope)
            return distinct.count - 1
        }
        self.distinct = distinct
        let filters = distinct.compactMap(\.filter)
        keys = filters.isEmpty ? nil : FilterKeys(filters)
    }

    /// Appends, for each descriptor in the order given, whether `entity` is in its scope.
    public func membership(of entity: StoredEntity, appendingTo answers: inout [Bool]) {
        let filterable = keys.map { FilterableEntity(entity, only: $0) }
        let kind = entity.ref.kind
        withUnsafeTemporaryAllocation(of: Bool.self, capacity: distinct.count) { results in
            for (index, scope) in distinct.enumerated() { results.initializeElement(at: index, to: scope.contains(filterable, kind: kind)) }
            for position in positions { answers.append(results[position]) }
        }
    }
}
