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

/// One entity with one module's answers to its `EntityQuestions`.
public struct AnsweredEntity: Sendable {
    public let entity: StoredEntity
    /// Per scope asked, in order: whether the entity is in it.
    public let inScope: [Bool]
    /// Per rule asked, in order: nil where its scope does not hold, else whether the entity satisfies it.
    public let satisfies: [Bool?]
}

/// Several modules' questions answered together, one entity at a time: the entity is flattened once
/// for every module's scopes, and each distinct fact resolved once for every module's rules.
public struct QuestionSheet: Sendable {
    private let scopes: ScopeSet
    private let rules: RuleBook
    /// Per module, in the order given: where its scopes and its rules sit in the combined lists.
    private let layout: [(scopes: Range<Int>, rules: Range<Int>)]

    public init(_ questions: [EntityQuestions]) {
        var layout: [(scopes: Range<Int>, rules: Range<Int>)] = []
        var scopeCount = 0, ruleCount = 0
        for module in questions {
            layout.append((scopeCount..<scopeCount + module.scopes.count, ruleCount..<ruleCount + module.rules.count))
            scopeCount += module.scopes.count
            ruleCount += module.rules.count
        }
        self.layout = layout
        scopes = ScopeSet(questions.flatMap(\.scopes))
        rules = RuleBook(questions.flatMap(\.rules))
    }

    /// Each module's answers for `entity`, in the order the questions were given.
    public func answer(_ entity: StoredEntity) -> [AnsweredEntity] {
        let inScope = scopes.membership(of: entity)
        var applies: [Bool] = []
        for module in layout { applies += inScope[module.scopes.prefix(module.rules.count)] }
        let satisfies = rules.evaluate(entity, applies: applies)
        return layout.map { AnsweredEntity(entity: entity, inScope: Array(inScope[$0.scopes]), satisfies: Array(satisfies[$0.rules])) }
    }

    /// Each module's answers for every one of `entities`: one list per module, in the order given.
    public func answer(_ entities: [StoredEntity]) -> [[AnsweredEntity]] {
        var answers = layout.map { _ in [AnsweredEntity]() }
        for index in answers.indices { answers[index].reserveCapacity(entities.count) }
        for entity in entities {
            for (module, answer) in answer(entity).enumerated() { answers[module].append(answer) }
        }
        return answers
    }
}
