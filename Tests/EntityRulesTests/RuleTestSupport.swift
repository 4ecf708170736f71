import Catalog
import EntityRules
import FoyerCore
import Testing

/// The first document of `yaml`, as the catalog parses descriptor files.
func document(_ yaml: String) -> JSONValue {
    let (documents, problems) = DescriptorParser.parse(yaml, file: "test.yaml")
    precondition(problems.isEmpty && !documents.isEmpty, "test YAML does not parse: \(problems)")
    return documents[0].document
}

/// A rule written in YAML, which must parse.
func rule(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) -> Rule {
    switch RuleParser.parse(document(yaml), field: "rule") {
    case .success(let rule): return rule
    case .failure(let problems):
        Issue.record("rule does not parse: \(problems.problems)", sourceLocation: sourceLocation)
        return .any([])
    }
}

/// The problems of a rule that must not parse.
func ruleProblems(_ yaml: String) -> [FieldProblem] {
    switch RuleParser.parse(document(yaml), field: "spec.rule") {
    case .success: []
    case .failure(let problems): problems.problems
    }
}

/// An entity as the catalog API serves it: annotations with dots and slashes, arrays, relations.
let service = document("""
    apiVersion: backstage.io/v1alpha1
    kind: Component
    metadata:
      name: payments-api
      description: Takes payments
      annotations:
        backstage.io/techdocs-ref: dir:.
        github.com/project-slug: northwind/payments-api
        backstage.io: short-key
      tags: [java, payments]
      links: []
      count: 3
      title: ""
    spec:
      type: service
      lifecycle: production
      owner: team-payments
      providesApis: [payments-v1]
    relations:
      - { type: ownedBy, targetRef: "group:default/team-payments" }
      - { type: providesApi, targetRef: "api:default/payments-v1" }
      - { type: partOf, targetRef: "system:default/payments" }
    """)
