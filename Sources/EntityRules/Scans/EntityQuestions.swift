import Catalog

/// What a module asks of every entity: whether it is in each of `scopes`, and whether it satisfies
/// `rules[i]` where it is in `scopes[i]` (so there are no more rules than scopes).
public struct EntityQuestions: Sendable {
    public let scopes: [Scope]
    public let rules: [Rule]

    public init(scopes: [Scope], rules: [Rule]) {
        precondition(rules.count <= scopes.count, "each rule is asked within the scope of the same position")
        self.scopes = scopes
        self.rules = rules
    }

    /// Nothing asked: the module only looks at the entities themselves.
    public static let none = EntityQuestions(scopes: [], rules: [])
}

/// A batch of entities with one module's answers to its `EntityQuestions`, by entity position.
public struct AnsweredBatch: Sendable {
    public let entities: ArraySlice<StoredEntity>
    /// Every module's answers, entity after entity; this module's sit at `scopes` and `rules` of each.
    private let inScope: [Bool]
    private let satisfied: [Bool?]
    private let scopeStride: Int, ruleStride: Int
    private let scopes: Range<Int>, rules: Range<Int>

    fileprivate init(entities: ArraySlice<StoredEntity>, inScope: [Bool], satisfied: [Bool?], scopeStride: Int, ruleStride: Int,
                     scopes: Range<Int>, rules: Range<Int>) {
        self.entities = entities
        self.inScope = inScope
        self.satisfied = satisfied
        self.scopeStride = scopeStride
        self.ruleStride = ruleStride
        self.scopes = scopes
        self.rules = rules
    }

    public var count: Int { entities.count }
    public func entity(_ position: Int) -> StoredEntity { entities[entities.startIndex + position] }

    /// Whether the entity at `position` is in the module's `scope`-th scope.
    public func isInScope(_ position: Int, scope: Int) -> Bool { inScope[position * scopeStride + scopes.lowerBound + scope] }

    /// Per rule of the module, for the entity at `position`: nil where its scope does not hold, else
    /// whether the entity satisfies it.
    public func satisfies(_ position: Int) -> [Bool?] {
        let start = position * ruleStride + rules.lowerBound
        return Array(satisfied[start..<start + rules.count])
    }
}

/// Several modules' questions answered together, one entity at a time: the entity is flattened once
/// for every module's scopes, and each distinct fact resolved once for every module's rules.
public struct QuestionSheet: Sendable {
    private let scopes: ScopeSet
    private let rules: RuleBook
    private let scopeCount: Int
    /// For each rule of the combined list, the position of the scope it is asked within.
    private let ruleScopes: [Int]
    /// Per module, in the order given: where its scopes and its rules sit in the combined lists.
    private let layout: [(scopes: Range<Int>, rules: Range<Int>)]

    public init(_ questions: [EntityQuestions]) {
        var layout: [(scopes: Range<Int>, rules: Range<Int>)] = []
        var ruleScopes: [Int] = []
        var scopeCount = 0
        for module in questions {
            layout.append((scopeCount..<scopeCount + module.scopes.count, ruleScopes.count..<ruleScopes.count + module.rules.count))
            ruleScopes += module.rules.indices.map { scopeCount + $0 }
            scopeCount += module.scopes.count
        }
        self.layout = layout
        self.ruleScopes = ruleScopes
        self.scopeCount = scopeCount
        scopes = ScopeSet(questions.flatMap(\.scopes))
        rules = RuleBook(questions.flatMap(\.rules))
    }

    /// Each module's answers for `entities`, in the order the questions were given.
    public func answer(_ entities: ArraySlice<StoredEntity>) -> [AnsweredBatch] {
        var inScope: [Bool] = [], satisfied: [Bool?] = []
        inScope.reserveCapacity(entities.count * scopeCount)
        satisfied.reserveCapacity(entities.count * ruleScopes.count)
        for entity in entities {
            let first = inScope.count
            scopes.membership(of: entity, appendingTo: &inScope)
            rules.evaluate(entity, where: { inScope[first + ruleScopes[$0]] }, appendingTo: &satisfied)
        }
        return layout.map {
            AnsweredBatch(entities: entities, inScope: inScope, satisfied: satisfied, scopeStride: scopeCount,
                          ruleStride: ruleScopes.count, scopes: $0.scopes, rules: $0.rules)
        }
    }

    /// The same for a whole list.
    public func answer(_ entities: [StoredEntity]) -> [AnsweredBatch] { answer(entities[...]) }
}
