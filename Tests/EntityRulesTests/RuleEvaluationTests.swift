import EntityRules
import FoyerCore
import Testing

@Suite struct RuleEvaluationTests {
    func holds(_ yaml: String) -> Bool { rule(yaml).isSatisfied(by: service) }

    @Test func existsNeedsANonEmptyValue() {
        #expect(holds("{fact: metadata.annotations.backstage.io/techdocs-ref, operator: exists}"))
        #expect(holds("{fact: metadata.tags, operator: exists}"))
        #expect(!holds("{fact: metadata.links, operator: exists}"))    // empty array
        #expect(!holds("{fact: metadata.title, operator: exists}"))    // empty string
        #expect(!holds("{fact: spec.system, operator: exists}"))       // missing
        #expect(holds("{fact: metadata.links, operator: notExists}"))
        #expect(holds("{fact: spec.system, operator: notExists}"))
        #expect(!holds("{fact: spec.type, operator: notExists}"))
    }

    @Test func equalsComparesScalarsCaseSensitively() {
        #expect(holds("{fact: spec.lifecycle, operator: equals, value: production}"))
        #expect(!holds("{fact: spec.lifecycle, operator: equals, value: Production}"))
        #expect(holds("{fact: metadata.count, operator: equals, value: 3}"))
        #expect(!holds("{fact: metadata.tags, operator: equals, value: java}"))   // an array is not a scalar
        #expect(holds("{fact: spec.lifecycle, operator: notEquals, value: experimental}"))
        #expect(!holds("{fact: spec.lifecycle, operator: notEquals, value: production}"))
    }

    @Test func entityRefsCompareNormalised() {
        #expect(holds("{fact: spec.owner, operator: equals, value: 'group:default/team-payments'}"))
        #expect(holds("{fact: spec.owner, operator: equals, value: 'Group:Team-Payments'}"))
        #expect(!holds("{fact: spec.owner, operator: equals, value: 'group:other/team-payments'}"))
        #expect(holds("{fact: relations.ownedBy, operator: contains, value: 'group:team-payments'}"))
        #expect(holds("{fact: relations.partOf, operator: contains, value: 'System:default/Payments'}"))
        #expect(!holds("{fact: relations.partOf, operator: contains, value: 'domain:default/payments'}"))
        #expect(holds("{fact: spec.providesApis, operator: contains, value: 'api:payments-v1'}"))
    }

    @Test func aRefFieldReadsItsDefaultKindAndTheEntitysNamespaceAsTheCatalogDoes() {
        let inOps = document("""
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata: {name: billing, namespace: ops}
            spec: {type: service, lifecycle: production, owner: team-x, system: ledger, dependsOn: ['resource:db']}
            """)
        func holds(_ yaml: String) -> Bool { rule(yaml).isSatisfied(by: inOps) }
        #expect(holds("{fact: spec.owner, operator: equals, value: 'group:ops/team-x'}"))
        #expect(holds("{fact: spec.owner, operator: equals, value: team-x}"), "a bare name is read in the entity's namespace")
        #expect(!holds("{fact: spec.owner, operator: equals, value: 'group:default/team-x'}"))
        #expect(!holds("{fact: spec.owner, operator: equals, value: 'user:ops/team-x'}"), "an owner without a kind is a group")
        #expect(holds("{fact: spec.system, operator: equals, value: 'system:ops/ledger'}"))
        #expect(holds("{fact: spec.dependsOn, operator: contains, value: 'resource:ops/db'}"))
        #expect(holds("{fact: spec.dependsOn, operator: contains, value: 'db'}"), "no default kind: a bare name matches any kind")
        #expect(!holds("{fact: spec.owner, operator: equals, value: 'group:default/team-payments'}"))
    }

    @Test func inMatchesAnyListedValue() {
        #expect(holds("{fact: spec.lifecycle, operator: in, value: [experimental, production]}"))
        #expect(!holds("{fact: spec.lifecycle, operator: in, value: [experimental, deprecated]}"))
        #expect(!holds("{fact: spec.system, operator: in, value: [payments]}"))
    }

    @Test func containsLooksInArraysAndStrings() {
        #expect(holds("{fact: metadata.tags, operator: contains, value: java}"))
        #expect(!holds("{fact: metadata.tags, operator: contains, value: jav}"))
        #expect(holds("{fact: metadata.description, operator: contains, value: pay}"))
        #expect(!holds("{fact: metadata.description, operator: contains, value: Pay}"))
    }

    @Test func matchesNeedsTheWholeString() {
        #expect(holds("{fact: metadata.name, operator: matches, value: '[a-z]+-api'}"))
        #expect(!holds("{fact: metadata.name, operator: matches, value: 'payments'}"))
        #expect(!holds("{fact: metadata.tags, operator: matches, value: '.*'}"))
    }

    @Test func minLengthCountsCharactersOrItems() {
        #expect(holds("{fact: metadata.tags, operator: minLength, value: 2}"))
        #expect(!holds("{fact: metadata.tags, operator: minLength, value: 3}"))
        #expect(holds("{fact: metadata.description, operator: minLength, value: 14}"))
        #expect(!holds("{fact: metadata.description, operator: minLength, value: 15}"))
        #expect(holds("{fact: metadata.links, operator: minLength, value: 0}"))
        // e + combining acute, twice, and a flag of two regional indicators: 3 visible characters, 6 code points.
        let accented = document("metadata: {description: \"e\\u0301e\\u0301\\U0001F1EB\\U0001F1F7\"}")
        #expect(rule("{fact: metadata.description, operator: minLength, value: 6}").isSatisfied(by: accented))
        #expect(!rule("{fact: metadata.description, operator: minLength, value: 7}").isSatisfied(by: accented))
    }

    @Test func greaterAndLessThanCompareNumbers() {
        #expect(holds("{fact: metadata.count, operator: greaterThan, value: 2}"))
        #expect(!holds("{fact: metadata.count, operator: greaterThan, value: 3}"))
        #expect(holds("{fact: metadata.count, operator: lessThan, value: 3.5}"))
        #expect(!holds("{fact: spec.lifecycle, operator: lessThan, value: 3}"))
    }

    @Test func aMissingFactIsFalseExceptForNotExistsAndNotEquals() {
        for op in ["exists", "equals", "in", "contains", "matches", "minLength", "greaterThan", "lessThan"] {
            let value = switch op {
            case "exists": ""
            case "in": ", value: [x]"
            case "minLength", "greaterThan", "lessThan": ", value: 0"
            default: ", value: x"
            }
            #expect(!holds("{fact: spec.missing, operator: \(op)\(value)}"), "\(op)")
        }
        #expect(holds("{fact: spec.missing, operator: notExists}"))
        #expect(holds("{fact: spec.missing, operator: notEquals, value: x}"))
    }

    @Test func allAnyAndNotCombine() {
        #expect(holds("""
            all:
              - { fact: metadata.annotations.backstage.io/techdocs-ref, operator: exists }
              - any:
                  - { fact: spec.lifecycle, operator: in, value: [production, experimental] }
                  - { not: { fact: metadata.tags, operator: contains, value: deprecated } }
            """))
        #expect(!holds("{all: [{fact: spec.type, operator: exists}, {fact: spec.system, operator: exists}]}"))
        #expect(holds("{not: {fact: spec.system, operator: exists}}"))
    }

    @Test func anEmptyAllIsTrueAndAnEmptyAnyIsFalse() {
        #expect(holds("{all: []}"))
        #expect(!holds("{any: []}"))
    }
}
