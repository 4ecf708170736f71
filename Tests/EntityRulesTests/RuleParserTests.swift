import Catalog
import EntityRules
import FoyerCore
import Testing

@Suite struct RuleParserTests {
    @Test func anUnknownOperatorNamesTheFieldAndTheChoices() {
        let problems = ruleProblems("{fact: spec.type, operator: startsWith, value: x}")
        #expect(problems.count == 1)
        #expect(problems.first?.field == "spec.rule.operator")
        #expect(problems.first?.message.contains("unknown operator 'startsWith'") == true)
    }

    @Test func wrongValueTypesAreReportedPerOperator() {
        #expect(ruleProblems("{fact: spec.type, operator: in, value: service}").map(\.field) == ["spec.rule.value"])
        #expect(ruleProblems("{fact: spec.type, operator: minLength, value: two}").map(\.field) == ["spec.rule.value"])
        #expect(ruleProblems("{fact: spec.type, operator: minLength, value: 1.5}").map(\.field) == ["spec.rule.value"])
        #expect(ruleProblems("{fact: spec.type, operator: greaterThan, value: '3'}").map(\.field) == ["spec.rule.value"])
        #expect(ruleProblems("{fact: spec.type, operator: equals, value: [a]}").map(\.field) == ["spec.rule.value"])
        #expect(ruleProblems("{fact: spec.type, operator: equals}").map(\.field) == ["spec.rule.value"])
    }

    @Test func anInvalidRegularExpressionIsAProblemNotACrash() {
        let problems = ruleProblems("{fact: metadata.name, operator: matches, value: '([a-z'}")
        #expect(problems.map(\.field) == ["spec.rule.value"])
        #expect(problems.first?.message.contains("not a valid regular expression") == true)
    }

    @Test func nestedProblemsCarryTheirPath() {
        let problems = ruleProblems("""
            all:
              - { fact: spec.type, operator: exists }
              - any:
                  - { fact: spec.type, operator: nope }
                  - { not: { operator: exists } }
            """)
        #expect(problems.map(\.field) == ["spec.rule.all[1].any[0].operator", "spec.rule.all[1].any[1].not.fact"])
    }

    @Test func mixingCombinatorsAndUnknownKeysIsRefused() {
        #expect(ruleProblems("{all: [], any: []}").map(\.field) == ["spec.rule"])
        #expect(ruleProblems("{fact: spec.type, operator: exists, extra: 1}").map(\.field) == ["spec.rule.extra"])
        #expect(ruleProblems("just text").map(\.field) == ["spec.rule"])
        #expect(ruleProblems("{all: {fact: spec.type, operator: exists}}").map(\.field) == ["spec.rule.all"])
    }

    @Test func deepNestingIsRefused() {
        var yaml = "{fact: spec.type, operator: exists}"
        for _ in 0..<RuleParser.maxDepth { yaml = "{not: \(yaml)}" }
        #expect(!ruleProblems(yaml).isEmpty)
    }
}

@Suite struct ScopeTests {
    let component = FilterableEntity(document: document("""
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: { name: web, tags: [frontend] }
        spec: { type: website, owner: team-a }
        """), ref: EntityRef(kind: "component", namespace: "default", name: "web"),
        relations: [Relation(source: EntityRef(kind: "component", namespace: "default", name: "web"), type: "ownedBy",
                             target: EntityRef(kind: "group", namespace: "default", name: "team-a"))])

    func scope(_ yaml: String) -> Scope {
        let value: JSONValue? = yaml.isEmpty ? nil : document("appliesTo: \(yaml)")["appliesTo"]
        return (try? Scope.parse(value, field: "spec.appliesTo").get()) ?? Scope(filter: .none)
    }

    @Test func commasAreANDAndListItemsAreOR() {
        #expect(scope("'kind=component,spec.type=website'").contains(component, kind: "Component"))
        #expect(!scope("'kind=component,spec.type=service'").contains(component, kind: "Component"))
        #expect(scope("['kind=api', 'spec.type=website']").contains(component, kind: "Component"))
        #expect(!scope("['kind=api', 'kind=component,spec.type=service']").contains(component, kind: "Component"))
    }

    @Test func filtersFollowTheCatalogSemantics() {
        #expect(scope("'Kind=Component'").contains(component, kind: "Component"))             // case-insensitive
        #expect(scope("'metadata.tags=frontend'").contains(component, kind: "Component"))     // array items
        #expect(scope("'relations.ownedby=group:default/team-a'").contains(component, kind: "Component"))
        #expect(scope("'spec.owner'").contains(component, kind: "Component"))                 // bare key: exists
        #expect(!scope("'spec.system'").contains(component, kind: "Component"))
    }

    @Test func flatteningOnlyTheFilteredKeysMatchesLikeTheWholeEntity() {
        let filters = ["'kind=component,spec.type=website'", "'metadata.tags=frontend'", "'relations.ownedby=group:default/team-a'",
                       "'spec.owner'", "'spec.system'", "'metadata.tags.frontend=true'"].map { scope($0).filter! }
        let body = document("""
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata: { name: web, tags: [frontend], annotations: { backstage.io/techdocs-ref: dir:. } }
            spec: { type: website, owner: team-a }
            """)
        let ref = EntityRef(kind: "component", namespace: "default", name: "web")
        let relations = [Relation(source: ref, type: "ownedBy", target: EntityRef(kind: "group", namespace: "default", name: "team-a"))]
        let restricted = FilterableEntity(document: body, ref: ref, relations: relations, only: FilterKeys(filters))
        let whole = FilterableEntity(document: body, ref: ref, relations: relations)
        #expect(filters.map { $0.matches(restricted) } == filters.map { $0.matches(whole) })
        #expect(filters.map { $0.matches(restricted) } == [true, true, true, true, false, true])
    }

    @Test func theDefaultScopeLeavesOutLocationsAndFoyerKinds() {
        #expect(scope("").contains(component, kind: "Component"))
        for kind in ["Location", "Feature", "LearningPath", "Check", "Track", "Campaign", "Survey"] {
            #expect(!Scope.everyEntity.contains(component, kind: kind), "\(kind)")
        }
    }

    @Test func aScopeThatIsNotAFilterIsAProblem() {
        guard case .failure(let problems) = Scope.parse(.number(3), field: "spec.appliesTo") else {
            Issue.record("a number was accepted as a scope")
            return
        }
        #expect(problems.problems.map(\.field) == ["spec.appliesTo"])
    }
}
