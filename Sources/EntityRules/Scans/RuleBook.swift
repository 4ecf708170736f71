import Catalog
import FoyerCore

/// Many rules (a module's features or checks) evaluated together, one entity at a time: each
/// distinct fact is looked up once per entity however many rules read it.
public struct RuleBook: Sendable {
    private let facts: [FactPath]
    private let rules: [Compiled]

    /// A rule whose leaves name their fact by its position in `facts`.
    private indirect enum Compiled: Sendable {
        case all([Compiled])
        case any([Compiled])
        case not(Compiled)
        case leaf(fact: Int, Comparison)
    }

    public init(_ rules: [Rule]) {
        var facts: [FactPath] = []
        var positions: [FactPath: Int] = [:]
        func compile(_ rule: Rule) -> Compiled {
            switch rule {
            case .all(let rules): return .all(rules.map(compile))
            case .any(let rules): return .any(rules.map(compile))
            case .not(let rule): return .not(compile(rule))
            case .leaf(let comparison):
                let position = positions[comparison.fact] ?? facts.count
                if position == facts.count {
                    facts.append(comparison.fact)
                    positions[comparison.fact] = position
                }
                return .leaf(fact: position, comparison)
            }
        }
        self.rules = rules.map(compile)
        self.facts = facts
    }

    /// For each rule, in the order given, whether `entity` satisfies it; nil where `applies` is false.
    public func evaluate(_ entity: StoredEntity, applies: [Bool]) -> [Bool?] {
        var results: [Bool?] = []
        evaluate(entity, where: { applies[$0] }, appendingTo: &results)
        return results
    }

    /// The same for a prepared document.
    public func evaluate(_ document: FactDocument, applies: [Bool]) -> [Bool?] {
        var results: [Bool?] = []
        evaluate(document, where: { applies[$0] }, appendingTo: &results)
        return results
    }

    /// Appends each rule's answer to `results`: nil where `applies(rule's position)` is false. The
    /// entity's document is built only when some rule applies.
    func evaluate(_ entity: StoredEntity, where applies: (Int) -> Bool, appendingTo results: inout [Bool?]) {
        guard rules.indices.contains(where: applies) else {
            results.append(contentsOf: repeatElement(nil, count: rules.count))
            return
        }
        evaluate(FactDocument(entity), where: applies, appendingTo: &results)
    }

    private func evaluate(_ document: FactDocument, where applies: (Int) -> Bool, appendingTo results: inout [Bool?]) {
        var values = FactValues(count: facts.count)
        for (position, rule) in rules.enumerated() {
            results.append(applies(position) ? isSatisfied(rule, by: document, values: &values) : nil)
        }
    }

    /// Facts resolved so far for one entity: nil until looked up, then the value or `.some(nil)` when missing.
    private struct FactValues {
        var values: [JSONValue??]
        init(count: Int) { values = Array(repeating: nil, count: count) }
    }

    private func isSatisfied(_ rule: Compiled, by document: FactDocument, values: inout FactValues) -> Bool {
        switch rule {
        case .all(let rules): return rules.allSatisfy { isSatisfied($0, by: document, values: &values) }
        case .any(let rules): return rules.contains { isSatisfied($0, by: document, values: &values) }
        case .not(let rule): return !isSatisfied(rule, by: document, values: &values)
        case .leaf(let fact, let comparison):
            if values.values[fact] == nil { values.values[fact] = .some(facts[fact].resolve(in: document)) }
            return comparison.isSatisfied(byValue: values.values[fact]!, namespace: document.namespace)
        }
    }
}
