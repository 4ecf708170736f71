import Adoption
import Catalog
import FoyerCore
import Testing

/// A catalog small enough to compute by hand: groups nested three deep, an entity owned by a user,
/// and three features with scopes that use AND, OR and relation facts.
enum TeamsCatalog {
    static let features = [
        feature("""
            apiVersion: foyer.dev/v1alpha1
            kind: Feature
            metadata: { name: docs, title: Docs }
            spec:
              appliesTo: kind=component
              unlockedWhen: { fact: metadata.annotations.backstage.io/techdocs-ref, operator: exists }
              snippet: "metadata:\\n  annotations:\\n    backstage.io/techdocs-ref: dir:.\\n"
              learningPath: docs-101
            """),
        feature("""
            apiVersion: foyer.dev/v1alpha1
            kind: Feature
            metadata: { name: k8s }
            spec:
              appliesTo: kind=component
              unlockedWhen:
                any:
                  - { fact: metadata.annotations.backstage.io/kubernetes-id, operator: exists }
                  - { fact: metadata.annotations.backstage.io/kubernetes-label-selector, operator: exists }
            """),
        feature("""
            apiVersion: foyer.dev/v1alpha1
            kind: Feature
            metadata: { name: owned }
            spec:
              appliesTo: ['kind=component,spec.lifecycle=production', 'kind=api']
              unlockedWhen: { fact: relations.ownedBy, operator: exists }
            """),
    ]

    static let descriptors = [
        Descriptors.group("root"), Descriptors.group("area", parent: "root"), Descriptors.group("team", parent: "area"),
        Descriptors.group("squad", parent: "team"), Descriptors.group("other"),
        Descriptors.user("jane", memberOf: ["squad"]), Descriptors.user("bob", memberOf: ["other"]),
        Descriptors.component("c1", owner: "squad", annotations: ["backstage.io/techdocs-ref": "dir:."]),
        Descriptors.component("c2", owner: "team", annotations: ["backstage.io/techdocs-ref": "url:https://docs.example.com/c2",
                                                                  "backstage.io/kubernetes-id": "c2"]),
        Descriptors.component("c3", owner: "area"),
        Descriptors.component("c4", owner: "user:jane", annotations: ["backstage.io/techdocs-ref": "dir:."]),
        Descriptors.component("c5", owner: "other", annotations: ["backstage.io/kubernetes-label-selector": "app=c5"]),
    ]
}

@Suite struct AdoptionEngineTests {
    func ref(_ kind: String, _ name: String) -> EntityRef { EntityRef(kind: kind, namespace: "default", name: name) }

    @Test func anEntityUnlocksTheApplicableFeaturesWhoseRuleHolds() async throws {
        try await withAdoption(features: TeamsCatalog.features) { fixture in
            #expect(try await fixture.load(TeamsCatalog.descriptors).isEmpty)
            let snapshot = try await fixture.engine.current().snapshot
            let c1 = try #require(snapshot.entity(ref("component", "c1")))
            #expect(c1.unlocked.map(\.name) == ["docs", "owned"])
            #expect(c1.locked.map(\.name) == ["k8s"])
            #expect(c1.applicable == 3)
            #expect(c1.percent == 66.7)
            let group = try #require(snapshot.entity(ref("group", "team")))
            #expect(group.applicable == 0 && group.percent == nil, "no feature applies to a group")
        }
    }

    @Test func aGroupCountsTheEntitiesOfEveryGroupBelowIt() async throws {
        try await withAdoption(features: TeamsCatalog.features) { fixture in
            try await fixture.load(TeamsCatalog.descriptors)
            let snapshot = try await fixture.engine.current().snapshot
            let squad = snapshot.totals(ofGroup: ref("group", "squad"))
            #expect(squad.entities == 1)
            #expect(squad.features == [FeatureTotals(feature: "docs", unlocked: 1, applicable: 1), FeatureTotals(feature: "k8s", unlocked: 0, applicable: 1),
                                       FeatureTotals(feature: "owned", unlocked: 1, applicable: 1)])
            #expect(squad.percent == 66.7)
            let team = snapshot.totals(ofGroup: ref("group", "team"))   // c1, c2: 5 of 6
            #expect(team.entities == 2 && team.percent == 83.3)
            let root = snapshot.totals(ofGroup: ref("group", "root"))   // c1, c2, c3, three levels down: 6 of 9
            #expect(root.entities == 3)
            #expect(root.features == [FeatureTotals(feature: "docs", unlocked: 2, applicable: 3), FeatureTotals(feature: "k8s", unlocked: 1, applicable: 3),
                                      FeatureTotals(feature: "owned", unlocked: 3, applicable: 3)])
            #expect(root.percent == 66.7)
        }
    }

    @Test func anEntityOwnedByAUserIsInNoGroupButInTheOrganisation() async throws {
        try await withAdoption(features: TeamsCatalog.features) { fixture in
            try await fixture.load(TeamsCatalog.descriptors)
            let state = try await fixture.engine.current()
            let inGroups = state.groups.flatMap { state.snapshot.entities(ofGroup: $0.ref) }
            #expect(!inGroups.contains(ref("component", "c4")))
            // c1…c5: docs 3/5, k8s 2/5, owned 5/5.
            #expect(state.organisation.entities == 5)
            #expect(state.organisation.features.map(\.unlocked) == [3, 2, 5])
            #expect(state.organisation.percent == 66.7)
            #expect(state.groups.map(\.ref.name) == ["area", "other", "root", "squad", "team"])
        }
    }

    @Test func aCatalogFeatureOverridesABuiltInOfTheSameName() async throws {
        try await withAdoption(features: TeamsCatalog.features) { fixture in
            let override = Descriptors.feature("docs", appliesTo: "kind=component",
                                               rule: "{fact: metadata.annotations.backstage.io/techdocs-ref, operator: equals, value: 'dir:.'}")
            #expect(try await fixture.load(TeamsCatalog.descriptors + [override]).isEmpty)
            let state = try await fixture.engine.current()
            #expect(state.features.map(\.name) == ["docs", "k8s", "owned"])
            #expect(state.snapshot.entity(ref("component", "c2"))?.locked.map(\.name) == ["docs"], "c2's docs are a URL, not dir:.")
            #expect(state.snapshot.entity(ref("component", "c1"))?.unlocked.map(\.name) == ["docs", "owned"])
        }
    }

    @Test func anInvalidRuleIsADescriptorProblemWithFileLineAndField() async throws {
        try await withAdoption(features: TeamsCatalog.features) { fixture in
            let broken = Descriptors.feature("broken", rule: "{fact: spec.type, operator: startsWith, value: x}")
            let problems = try await fixture.load(TeamsCatalog.descriptors + [broken])
            let problem = try #require(problems.first)
            #expect(problems.count == 1)
            #expect(problem.file.hasSuffix("catalog-info.yaml"))
            #expect(problem.line > 1)
            #expect(problem.entityRef == "feature:default/broken")
            #expect(problem.field == "spec.unlockedWhen.operator")
            #expect(try await fixture.engine.current().feature("broken") == nil)
        }
    }

    @Test func aCatalogChangeIsSeenByTheNextEvaluation() async throws {
        try await withAdoption(features: TeamsCatalog.features) { fixture in
            try await fixture.load(TeamsCatalog.descriptors)
            #expect(try await fixture.engine.current().snapshot.entity(ref("component", "c3"))?.unlocked.map(\.name) == ["owned"])
            var changed = TeamsCatalog.descriptors
            changed[9] = Descriptors.component("c3", owner: "area", annotations: ["backstage.io/kubernetes-id": "c3"])
            try await fixture.load(changed)
            #expect(try await fixture.engine.current().snapshot.entity(ref("component", "c3"))?.unlocked.map(\.name) == ["k8s", "owned"])
        }
    }

    @Test func theBuiltInFeaturesCoverTheSpecsList() throws {
        let names = Set(try BuiltInFeatures.load().map(\.name))
        #expect(names.isSuperset(of: ["ownership", "system", "description", "techdocs", "source-location", "ci", "kubernetes",
                                      "code-quality", "on-call", "error-tracking", "apis", "links", "tags"]))
    }
}
