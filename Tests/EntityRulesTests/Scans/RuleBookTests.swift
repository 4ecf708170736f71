import EntityRules
import FoyerCore
import Testing

@Suite struct RuleBookTests {
    let texts = [
        "{fact: metadata.annotations.backstage.io/techdocs-ref, operator: exists}",
        "{all: [{fact: spec.lifecycle, operator: equals, value: production}, {fact: metadata.tags, operator: contains, value: java}]}",
        "{not: {fact: spec.lifecycle, operator: equals, value: production}}",
        "{any: [{fact: spec.system, operator: exists}, {fact: relations.ownedBy, operator: minLength, value: 1}]}",
        "{fact: spec.system, operator: notExists}",
    ]

    @Test func rulesSharingFactsGiveWhatEachRuleGivesAlone() {
        let rules = texts.map { rule($0) }
        let book = RuleBook(rules)
        let everything = book.evaluate(FactDocument(service), applies: Array(repeating: true, count: rules.count))
        #expect(everything == rules.map { Optional($0.isSatisfied(by: service)) })
        #expect(everything == [true, true, false, true, true])
    }

    @Test func rulesThatDoNotApplyAreLeftOut() {
        let book = RuleBook(texts.map { rule($0) })
        #expect(book.evaluate(FactDocument(service), applies: [false, true, true, false, true]) == [nil, true, false, nil, true])
    }
}
