import Catalog
import FoyerCore
import Testing

@Suite struct RelationBuilderTests {
    func relations(_ yaml: String) -> Set<String> {
        let result = DescriptorReader().read(yaml, file: "r.yaml")
        return Set(result.entities.flatMap(\.relations).map { "\($0.source) \($0.type) \($0.target)" })
    }

    @Test func componentReferencesGetDefaultKindsAndTheEntitysNamespace() {
        let found = relations("""
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata: {name: Web, namespace: shop}
            spec:
              type: website
              lifecycle: production
              owner: Team-A
              system: storefront
              providesApis: [cart-api]
              consumesApis: [default/payments]
              dependsOn: [resource:db]
              subcomponentOf: app
            """)
        #expect(found == [
            "component:shop/web ownedBy group:shop/team-a", "group:shop/team-a ownerOf component:shop/web",
            "component:shop/web partOf system:shop/storefront", "system:shop/storefront hasPart component:shop/web",
            "component:shop/web providesApi api:shop/cart-api", "api:shop/cart-api apiProvidedBy component:shop/web",
            "component:shop/web consumesApi api:default/payments", "api:default/payments apiConsumedBy component:shop/web",
            "component:shop/web dependsOn resource:shop/db", "resource:shop/db dependencyOf component:shop/web",
            "component:shop/web partOf component:shop/app", "component:shop/app hasPart component:shop/web",
        ])
    }

    @Test func groupAndUserMembershipGoBothWays() {
        let found = relations("""
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata: {name: team-a}
            spec: {type: team, parent: dept, children: [squad], members: [alice]}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata: {name: bob}
            spec: {memberOf: [team-a]}
            """)
        #expect(found.isSuperset(of: [
            "group:default/team-a childOf group:default/dept", "group:default/dept parentOf group:default/team-a",
            "group:default/team-a parentOf group:default/squad", "group:default/squad childOf group:default/team-a",
            "group:default/team-a hasMember user:default/alice", "user:default/alice memberOf group:default/team-a",
            "user:default/bob memberOf group:default/team-a", "group:default/team-a hasMember user:default/bob",
        ]))
    }

    @Test func dependsOnWithoutAKindIsAProblem() {
        let result = DescriptorReader().read("""
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata: {name: web}
            spec: {type: service, lifecycle: x, owner: t, dependsOn: [db]}
            """, file: "r.yaml")
        #expect(result.entities.isEmpty)
        #expect(result.problems.map(\.field) == ["spec.dependsOn[0]"])
    }

    @Test func systemAndDomainHierarchyArePartOf() {
        let found = relations("""
            apiVersion: backstage.io/v1alpha1
            kind: System
            metadata: {name: s}
            spec: {owner: t, domain: d}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Domain
            metadata: {name: d}
            spec: {owner: t, subdomainOf: top}
            """)
        #expect(found.contains("system:default/s partOf domain:default/d"))
        #expect(found.contains("domain:default/d partOf domain:default/top"))
        #expect(found.contains("domain:default/top hasPart domain:default/d"))
    }
}

@Suite struct EntityRefTests {
    @Test func parseFillsDefaultsAndLowercases() {
        #expect(EntityRef.parse("Team-A", defaultKind: "group", defaultNamespace: "default")?.description == "group:default/team-a")
        #expect(EntityRef.parse("user:Ops/Bob", defaultKind: "group", defaultNamespace: "default")?.description == "user:ops/bob")
        #expect(EntityRef.parse("x", defaultKind: nil, defaultNamespace: "default") == nil)
        #expect(EntityRef.parse("component:", defaultKind: nil, defaultNamespace: "default") == nil)
        #expect(EntityRef.parse("a/b/c", defaultKind: "group", defaultNamespace: "default") == nil)
    }

    @Test func parseTrimsSpacesAndTabsAtTheEndsOnlyAndKeepsNonASCIIParts() {
        #expect(EntityRef.parse("  component:Web \t", defaultKind: nil, defaultNamespace: "default")?.description == "component:default/web")
        #expect(EntityRef.parse("\u{00A0}group:Ops/Team\u{2003}", defaultKind: nil, defaultNamespace: "default")?.description == "group:ops/team")
        #expect(EntityRef.parse("group:équipe/Zoë", defaultKind: nil, defaultNamespace: "default")?.description == "group:équipe/zoë")
        #expect(EntityRef.parse("group: ops/a b", defaultKind: nil, defaultNamespace: "default")?.description == "group: ops/a b")
        #expect(EntityRef.parse("component:a:b", defaultKind: nil, defaultNamespace: "default") == nil)
    }
}
