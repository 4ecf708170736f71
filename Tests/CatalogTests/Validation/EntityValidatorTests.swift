import Catalog
import FoyerCore
import FoyerTestSupport
import Testing

@Suite struct NameRulesTests {
    @Test(arguments: ["a", "artist-lookup", "A_b.c-9", String(repeating: "x", count: 63)])
    func validNames(_ name: String) { #expect(NameRules.isValidName(name)) }

    @Test(arguments: ["", "-a", "a-", "invalid component", "a/b", String(repeating: "x", count: 64), "é"])
    func invalidNames(_ name: String) { #expect(!NameRules.isValidName(name)) }

    @Test func namespacesAreDNSLabels() {
        #expect(NameRules.isValidDNSLabel("default"))
        #expect(NameRules.isValidDNSLabel("team-1"))
        #expect(!NameRules.isValidDNSLabel("Team"))
        #expect(!NameRules.isValidDNSLabel("a--b"))
        #expect(!NameRules.isValidDNSLabel("a_b"))
    }

    @Test func keysMayHaveADNSSubdomainPrefix() {
        #expect(NameRules.isValidKey("backstage.io/techdocs-ref"))
        #expect(NameRules.isValidKey("goVersion"))
        #expect(!NameRules.isValidKey("Backstage.io/x"))
        #expect(!NameRules.isValidKey("a/b/c"))
        #expect(!NameRules.isValidKey("/x"))
    }

    @Test func tagsAreLowercaseGroupsJoinedByDashes() {
        #expect(NameRules.isValidTag("java"))
        #expect(NameRules.isValidTag("c++"))
        #expect(NameRules.isValidTag("c#"))
        #expect(NameRules.isValidTag("go:1-15"))
        #expect(!NameRules.isValidTag("go 1.15.3"))
        #expect(!NameRules.isValidTag("Java"))
        #expect(!NameRules.isValidTag("a--b"))
    }

    @Test(arguments: ["é", "a\u{301}", "ｆull", "team-ä", "x\r\ny"])
    func nonASCIICharactersFailEveryRule(_ text: String) {
        #expect(!NameRules.isValidName(text))
        #expect(!NameRules.isValidDNSLabel(text))
        #expect(!NameRules.isValidKind(text))
        #expect(!NameRules.isValidKey(text))
        #expect(!NameRules.isValidTag(text))
        #expect(!NameRules.isValidAPIVersion(text))
    }

    @Test func kindsStartWithALetter() {
        #expect(NameRules.isValidKind("Component"))
        #expect(NameRules.isValidKind("AiResource"))
        #expect(!NameRules.isValidKind("1Kind"))
        #expect(!NameRules.isValidKind("my-kind"))
    }

    @Test func apiVersionsHaveAnOptionalGroupAndAnAlphanumericVersion() {
        for valid in ["v1", "backstage.io/v1alpha1", "example.com/v1Beta1", "scaffolder.backstage.io/v1beta3"] {
            #expect(NameRules.isValidAPIVersion(valid), "\(valid)")
        }
        for invalid in ["", "/v1", "a/b/v1", "example.com/", "example.com/v1-beta", "Example_Com/v1", String(repeating: "v", count: 64)] {
            #expect(!NameRules.isValidAPIVersion(invalid), "\(invalid)")
        }
    }
}

@Suite struct EntityValidatorTests {
    func problems(_ yaml: String) -> [CatalogProblem] {
        DescriptorReader().read(yaml, file: "t.yaml").problems
    }

    @Test func backstagesInvalidExampleFailsOnItsNameAndTag() throws {
        let result = DescriptorReader().read(try ReferenceData.text("examples/components/invalid-component.yaml"), file: "invalid-component.yaml")
        #expect(result.entities.isEmpty)
        let fields = Set(result.problems.compactMap(\.field))
        #expect(fields.contains("metadata.name"))
        #expect(fields.contains("metadata.tags[1]"))
        #expect(fields == ["metadata.name", "metadata.tags[1]"])
        let name = result.problems.first { $0.field == "metadata.name" }
        #expect(name?.line == 4)
        #expect(name?.entityRef == "component:default/invalid component")
    }

    @Test func componentWithoutRequiredSpecFieldsNamesEachField() {
        let found = problems("""
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: web
            spec:
              type: service
            """)
        #expect(Set(found.compactMap(\.field)) == ["spec.lifecycle", "spec.owner"])
        #expect(found.allSatisfy { $0.line == 5 })
    }

    /// Backstage's schema variants chosen by `apiVersion` or `spec.type`, each with its own required fields.
    @Test(arguments: [
        ("backstage.io/v1alpha1", "API", "mcp-server", ["spec.remotes"]),
        ("backstage.io/v1alpha2", "API", "openapi", ["spec.definition"]),
        ("backstage.io/v1alpha2", "API", "mcp-server", ["spec.remotes"]),
        ("backstage.io/v1alpha1", "AiResource", "rule", ["spec.category", "spec.rationale"]),
        ("backstage.io/v1alpha1", "AiResource", "plugin", ["spec.skills"]),
        ("backstage.io/v1alpha1", "AiResource", "marketplace", ["spec.plugins"]),
    ])
    func eachSchemaVariantNamesItsOwnMissingFields(_ apiVersion: String, _ kind: String, _ type: String, _ missing: [String]) {
        let found = problems("apiVersion: \(apiVersion)\nkind: \(kind)\nmetadata:\n  name: x\nspec:\n  type: \(type)\n  lifecycle: production\n  owner: team\n")
        #expect(Set(found.compactMap(\.field)) == Set(missing), "\(found)")
    }

    @Test func unknownRootFieldAndReservedSpecKeyAreRefused() {
        let found = problems("""
            apiVersion: backstage.io/v1alpha1
            kind: Domain
            metadata:
              name: d
            spec:
              owner: team
              name: nope
            extra: 1
            """)
        #expect(Set(found.compactMap(\.field)) == ["extra", "spec.name"])
    }

    @Test func badLinkNeedsAURLAndANonEmptyTitle() {
        let found = problems("""
            apiVersion: backstage.io/v1alpha1
            kind: Domain
            metadata:
              name: d
              links:
                - url: not a url
                - title: ""
                  url: https://example.com
                - {url: https://example.com, icon: "", type: 3}
                - {url: https://example.com, title: "  ", icon: chat bubble}
                - {url: https://example.com, title: Docs, icon: docs, type: ""}
            spec:
              owner: team
            """)
        #expect(Set(found.compactMap(\.field)) == ["metadata.links[0].url", "metadata.links[1].title", "metadata.links[2].icon",
                                                   "metadata.links[3].title", "metadata.links[3].icon"])
    }

    @Test func wrongApiVersionForACoreKindIsRefused() {
        let found = problems("apiVersion: backstage.io/v2\nkind: System\nmetadata:\n  name: s\nspec:\n  owner: t\n")
        #expect(found.map(\.field) == ["apiVersion"])
    }

    @Test func unknownKindIsStoredWhenTheEnvelopeIsValid() {
        let result = DescriptorReader().read("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  anything: [1]\n", file: "w.yaml")
        #expect(result.problems.isEmpty)
        #expect(result.entities.first?.entity.ref.description == "widget:default/w")
    }

    @Test func oneBadEntityDoesNotHideTheOthersInItsFile() {
        let result = DescriptorReader().read("""
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata: {name: "bad name"}
            spec: {type: team, children: []}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata: {name: good}
            spec: {type: team, children: []}
            """, file: "g.yaml")
        #expect(result.entities.map(\.entity.name) == ["good"])
        #expect(result.problems.count == 1)
    }

    @Test func theLaterCopyOfAnEntityInOneFileReplacesTheEarlierAsInBackstage() {
        let group = "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: Team}\nspec: {type: team, children: []}\n"
        let result = DescriptorReader().read(group + "---\n" + group.replacingOccurrences(of: "Team", with: "team"), file: "g.yaml")
        #expect(result.entities.map(\.entity.name) == ["team"])
        #expect(result.entities.first?.line == 6)
        #expect(result.problems.isEmpty)
    }

    @Test func everyKindNeedsASpecEvenOneWithoutRequiredFields() {
        let found = problems("apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: repo\n")
        #expect(found.map(\.field) == ["spec"])
        #expect(problems("apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: repo\nspec: {}\n").isEmpty)
    }

    @Test func customKindValidatorJudgesItsKind() {
        struct FeatureRules: CustomKindValidator {
            var kind: String { "feature" }
            func validate(_ entity: Entity) -> [FieldProblem] {
                entity.spec["unlockedBy"] == nil ? [FieldProblem("spec.unlockedBy", "is required")] : []
            }
        }
        let reader = DescriptorReader(validator: EntityValidator(customKinds: [FeatureRules()]))
        let result = reader.read("apiVersion: foyer.dev/v1alpha1\nkind: Feature\nmetadata: {name: docs}\nspec: {}\n", file: "f.yaml")
        #expect(result.problems.map(\.field) == ["spec.unlockedBy"])
    }
}

@Suite struct DocumentShapeTests {
    @Test func documentThatIsNotAMapIsAProblemWithItsLine() {
        let result = DescriptorReader().read("apiVersion: backstage.io/v1alpha1\nkind: Group\n---\n- just\n- a list\n", file: "l.yaml")
        #expect(result.entities.isEmpty)
        #expect(result.problems.map(\.line) == [1, 4])
        #expect(result.problems.last?.message.contains("must be a mapping") == true)
    }
}
