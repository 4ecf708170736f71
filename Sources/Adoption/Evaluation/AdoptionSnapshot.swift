import Catalog
import EntityRules
import FoyerCore

/// Which features every entity of the catalog has unlocked, evaluated once per catalog version;
/// entity, group and organisation answers are read from it without touching the database.
public struct AdoptionSnapshot: Sendable {
    public let features: [Feature]
    /// Per entity: for each feature, nil when it does not apply, else whether it is unlocked.
    private var states: [EntityRef: [Bool?]] = [:]
    /// Entities by owning group (an entity owned by a user is in no group).
    private var ownedByGroup: [EntityRef: [EntityRef]] = [:]
    public private(set) var groups = GroupTree()

    /// An empty snapshot of `features` (sorted by name here); `add` the catalog's entities to it.
    public init(features: [Feature]) {
        self.features = features.sorted { $0.name < $1.name }
    }

    /// Evaluates every feature on `entities`, each with its relations.
    public mutating func add(_ entities: [StoredEntity]) {
        merge(Self.evaluate(QuestionSheet([Self.questions(features)]).answer(entities)[0]))
    }

    /// Each feature's scope, and its rule within that scope.
    public static func questions(_ features: [Feature]) -> EntityQuestions {
        EntityQuestions(scopes: features.map(\.scope), rules: features.map(\.rule))
    }

    /// What one batch of entities adds, computed apart so batches can be evaluated in parallel.
    public struct Part: Sendable {
        let states: [(EntityRef, [Bool?])]
        let owners: [(entity: EntityRef, group: EntityRef)]
        let groups: [StoredEntity]
    }

    /// A batch answered to `questions(features)`, as a part: pure, safe to run on any task.
    public static func evaluate(_ batch: AnsweredBatch) -> Part {
        var states: [(EntityRef, [Bool?])] = []
        var owners: [(entity: EntityRef, group: EntityRef)] = []
        states.reserveCapacity(batch.count)
        for (position, entity) in batch.entities.enumerated() {
            states.append((entity.ref, batch.satisfies(position)))
            if let owner = entity.relations.first(where: { $0.type == RelationType.ownedBy })?.target, owner.kind == "group" {
                owners.append((entity.ref, owner))
            }
        }
        return Part(states: states, owners: owners, groups: batch.entities.filter { $0.ref.kind == "group" })
    }

    /// Adds an evaluated batch.
    public mutating func merge(_ part: Part) {
        for (ref, state) in part.states { states[ref] = state }
        for (entity, group) in part.owners { ownedByGroup[group, default: []].append(entity) }
        for group in part.groups { groups.add(group) }
    }

    public var entityCount: Int { states.count }

    /// What `ref` has unlocked; nil when the entity is not in the catalog.
    public func entity(_ ref: EntityRef) -> EntityAdoption? {
        guard let state = states[ref] else { return nil }
        var unlocked: [Feature] = []
        var locked: [Feature] = []
        for (feature, value) in zip(features, state) {
            switch value {
            case true?: unlocked.append(feature)
            case false?: locked.append(feature)
            case nil: break
            }
        }
        return EntityAdoption(ref: ref, unlocked: unlocked, locked: locked)
    }

    /// The entities owned by `group` or any group below it.
    public func entities(ofGroup group: EntityRef) -> [EntityRef] {
        groups.subtree(of: group).flatMap { ownedByGroup[$0] ?? [] }
    }

    /// Totals over `refs` (entities not in the catalog are skipped).
    public func totals(_ refs: some Sequence<EntityRef>) -> AdoptionTotals {
        counts(refs).totals(of: features)
    }

    /// Totals of `group` with every group below it.
    public func totals(ofGroup group: EntityRef) -> AdoptionTotals { totals(entities(ofGroup: group)) }

    /// Totals over the whole catalog.
    public var organisation: AdoptionTotals { totals(states.keys) }

    /// Every group's totals (with its sub-groups), sorted by group ref: each group's own entities
    /// are counted once, then summed over subtrees.
    public func groupTotals() -> [GroupTotals] {
        let own = Dictionary(uniqueKeysWithValues: groups.groups.map { ($0, counts(ownedByGroup[$0] ?? [])) })
        return groups.groups.sorted().map { group in
            var sum = Counts(features: features.count)
            for member in groups.subtree(of: group) { if let counts = own[member] { sum.add(counts) } }
            return GroupTotals(ref: group, totals: sum.totals(of: features))
        }
    }

    private func counts(_ refs: some Sequence<EntityRef>) -> Counts {
        var counts = Counts(features: features.count)
        for ref in refs {
            guard let state = states[ref] else { continue }
            var counted = false
            for (index, value) in state.enumerated() {
                guard let value else { continue }
                counts.applicable[index] += 1
                if value { counts.unlocked[index] += 1 }
                counted = true
            }
            if counted { counts.entities += 1 }
        }
        return counts
    }

    /// Sums per feature, in the order of `features`.
    private struct Counts {
        var entities = 0
        var unlocked: [Int]
        var applicable: [Int]

        init(features: Int) {
            unlocked = [Int](repeating: 0, count: features)
            applicable = unlocked
        }

        mutating func add(_ other: Counts) {
            entities += other.entities
            for index in unlocked.indices {
                unlocked[index] += other.unlocked[index]
                applicable[index] += other.applicable[index]
            }
        }

        func totals(of features: [Feature]) -> AdoptionTotals {
            let perFeature = features.indices.filter { applicable[$0] > 0 }.map {
                FeatureTotals(feature: features[$0].name, unlocked: unlocked[$0], applicable: applicable[$0])
            }
            return AdoptionTotals(entities: entities, features: perFeature)
        }
    }
}

public struct GroupTotals: Sendable {
    public let ref: EntityRef
    public let totals: AdoptionTotals
}

/// One entity's features: unlocked and locked, each sorted by name.
public struct EntityAdoption: Sendable {
    public let ref: EntityRef
    public let unlocked: [Feature]
    public let locked: [Feature]
    public var applicable: Int { unlocked.count + locked.count }
    public var percent: Double? { Percent.of(unlocked.count, applicable) }
}

/// A set of entities' adoption: Σ unlocked ÷ Σ applicable.
public struct AdoptionTotals: Sendable, Equatable {
    /// Entities with at least one applicable feature.
    public let entities: Int
    /// Every feature applicable to at least one of the entities, by name.
    public let features: [FeatureTotals]

    public var unlocked: Int { features.reduce(0) { $0 + $1.unlocked } }
    public var applicable: Int { features.reduce(0) { $0 + $1.applicable } }
    public var percent: Double? { Percent.of(unlocked, applicable) }
}

public struct FeatureTotals: Sendable, Equatable, Codable {
    public let feature: String
    public let unlocked: Int
    public let applicable: Int

    public init(feature: String, unlocked: Int, applicable: Int) {
        self.feature = feature
        self.unlocked = unlocked
        self.applicable = applicable
    }

    public var percent: Double? { Percent.of(unlocked, applicable) }
}
