import Adoption
import Catalog
import EntityRules
import FoyerCore
import Testing

@Suite struct BuiltInFeaturesTests {
    let features = Dictionary(uniqueKeysWithValues: try! BuiltInFeatures.load().map { ($0.name, $0) })

    func unlocks(_ name: String, _ yaml: String) -> Bool {
        let (documents, _) = DescriptorParser.parse(yaml, file: "x.yaml")
        return features[name]!.rule.isSatisfied(by: documents[0].document)
    }

    @Test func ownershipNeedsAGroupNotAPerson() {
        #expect(unlocks("ownership", "spec: { owner: team-a }"))
        #expect(unlocks("ownership", "spec: { owner: 'group:default/team-a' }"))
        #expect(!unlocks("ownership", "spec: { owner: 'user:jane' }"))
        #expect(!unlocks("ownership", "spec: { type: service }"))
    }

    @Test func ciAcceptsAnyOfTheFourSystems() {
        for key in ["github.com/project-slug", "jenkins.io/job-full-name", "circleci.com/project-slug", "gocd.org/pipelines"] {
            #expect(unlocks("ci", "metadata: { annotations: { '\(key)': x } }"), "\(key)")
        }
        #expect(!unlocks("ci", "metadata: { annotations: { 'gitlab.com/project-slug': x } }"))
    }

    @Test func annotationFeaturesUnlockWithTheirAnnotations() {
        #expect(unlocks("kubernetes", "metadata: { annotations: { 'backstage.io/kubernetes-label-selector': 'app=x' } }"))
        #expect(unlocks("on-call", "metadata: { annotations: { 'pagerduty.com/service-id': P1 } }"))
        #expect(unlocks("error-tracking", "metadata: { annotations: { 'rollbar.com/project-slug': x } }"))
        #expect(unlocks("code-quality", "metadata: { annotations: { 'sonarqube.org/project-key': x } }"))
        #expect(!unlocks("techdocs", "metadata: { annotations: { 'backstage.io/techdocs-ref': '' } }"))
    }

    @Test func listFeaturesNeedAtLeastOneItem() {
        #expect(unlocks("apis", "spec: { providesApis: [a] }"))
        #expect(!unlocks("apis", "spec: { providesApis: [] }"))
        #expect(unlocks("tags", "metadata: { tags: [java] }"))
        #expect(!unlocks("links", "metadata: { links: [] }"))
    }

    @Test func everyBuiltInFeatureHasASnippetToCopy() {
        for feature in features.values { #expect(!(feature.snippet ?? "").isEmpty, "\(feature.name)") }
    }
}

@Suite struct DescriptorValidationTests {
    func problems(_ kind: any CustomKindValidator, _ yaml: String) -> [FieldProblem] {
        let (documents, _) = DescriptorParser.parse(yaml, file: "x.yaml")
        return kind.validate(Entity(document: documents[0].document))
    }

    @Test func aFeatureNeedsARule() {
        #expect(problems(FeatureKind(), "kind: Feature\nmetadata: { name: x }\nspec: { snippet: y }").map(\.field) == ["spec.unlockedWhen"])
        #expect(problems(FeatureKind(), "kind: Feature\nmetadata: { name: x }\nspec: { unlockedWhen: {fact: a, operator: exists}, appliesTo: 3 }").map(\.field) == ["spec.appliesTo"])
    }

    @Test func aLearningPathsStepsAreChecked() {
        let yaml = """
            kind: LearningPath
            metadata: { name: p }
            spec:
              steps:
                - { id: a, title: A, stage: tell, complete: manual }
                - { id: a, title: Again, stage: show, complete: manual }
                - { id: b, title: B, stage: later, complete: manual }
                - { id: c, title: C, stage: do, complete: { event: { action: navigate } } }
                - { id: d, title: D, stage: do, complete: { ownedEntity: { fact: x, operator: nope } } }
                - { id: e, title: E, stage: review, complete: sometimes }
            """
        #expect(problems(LearningPathKind(), yaml).map(\.field) == [
            "spec.steps[1].id", "spec.steps[2].stage", "spec.steps[3].complete.event.subject",
            "spec.steps[4].complete.ownedEntity.operator", "spec.steps[5].complete",
        ])
    }

    @Test func subjectPatternsMatchExactlyOrByPrefix() {
        #expect(SubjectPattern("/catalog*").matches("/catalog/default/component/x"))
        #expect(SubjectPattern("/catalog*").matches("/catalog"))
        #expect(!SubjectPattern("/catalog*").matches("/Catalog"))
        #expect(SubjectPattern("/insights").matches("/insights"))
        #expect(!SubjectPattern("/insights").matches("/insights/x"))
    }
}
