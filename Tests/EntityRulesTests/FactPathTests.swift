import EntityRules
import FoyerCore
import Testing

@Suite struct FactPathTests {
    @Test func annotationKeysWithDotsAndSlashesResolveByLongestKey() {
        #expect(FactPath("metadata.annotations.backstage.io/techdocs-ref").resolve(in: service) == .string("dir:."))
        #expect(FactPath("metadata.annotations.github.com/project-slug").resolve(in: service) == .string("northwind/payments-api"))
        // `backstage.io` is also a key, but the longer `backstage.io/techdocs-ref` wins; alone it resolves to itself.
        #expect(FactPath("metadata.annotations.backstage.io").resolve(in: service) == .string("short-key"))
    }

    @Test func keysCompareCaseInsensitively() {
        #expect(FactPath("Metadata.Annotations.Backstage.io/TechDocs-Ref").resolve(in: service) == .string("dir:."))
        #expect(FactPath("SPEC.LIFECYCLE").resolve(in: service) == .string("production"))
    }

    @Test func ofKeysDifferingOnlyByCaseTheFirstInSortedOrderWins() {
        let document: JSONValue = .object(["metadata": .object(["labels": .object(["Tier": .string("upper"), "tier": .string("lower")])])])
        #expect(FactPath("metadata.labels.tier").resolve(in: document) == .string("upper"))
        #expect(FactPath("metadata.labels.TIER").resolve(in: document) == .string("upper"))
    }

    @Test func nonASCIIKeysMatchAfterUnicodeLowercasing() {
        let document: JSONValue = .object(["metadata": .object(["labels": .object(["Größe": .string("L"), "ÉQUIPE.x": .string("dotted")])])])
        #expect(FactPath("metadata.labels.größe").resolve(in: document) == .string("L"))
        #expect(FactPath("metadata.labels.équipe.x").resolve(in: document) == .string("dotted"))
        #expect(FactPath("metadata.labels.größ").resolve(in: document) == nil)
    }

    @Test func aKeyMustEndAtADotOrTheEndOfThePath() {
        #expect(FactPath("spec.life").resolve(in: service) == nil)
        #expect(FactPath("spec.lifecyclex").resolve(in: service) == nil)
        #expect(FactPath("metadata.annotations.backstage.io/techdocs").resolve(in: service) == nil)
    }

    @Test func relationFactsAreTheTargetRefsOfThatType() {
        #expect(FactPath("relations.ownedBy").resolve(in: service) == .array([.string("group:default/team-payments")]))
        #expect(FactPath("relations.OWNEDBY").resolve(in: service) == .array([.string("group:default/team-payments")]))
        #expect(FactPath("relations.dependsOn").resolve(in: service) == nil)
    }

    @Test func emptyKeysAndATrailingDotResolveLikeAnyOtherKey() {
        let document: JSONValue = .object(["a": .object(["": .object(["b": .number(1)])])])
        #expect(FactPath("a..b").resolve(in: document) == .number(1))
        #expect(FactPath("relations.").resolve(in: service) == FactPath("relations").resolve(in: service))
        #expect(FactPath("relations").resolve(in: service)?.arrayValue?.count == 3)
    }

    @Test func pathsThroughScalarsAreMissing() {
        #expect(FactPath("spec.type.name").resolve(in: service) == nil)
        #expect(FactPath("nothing").resolve(in: service) == nil)
    }

    @Test func refFactsAreRelationsAndReferenceFields() {
        #expect(FactPath("relations.partOf").holdsEntityRefs)
        #expect(FactPath("spec.owner").holdsEntityRefs)
        #expect(!FactPath("spec.type").holdsEntityRefs)
    }
}

@Suite struct PercentTests {
    @Test func roundsHalfUpToOneDecimal() {
        #expect(Percent.of(1, 16) == 6.3)   // 6.25
        #expect(Percent.of(5, 12) == 41.7)  // 41.666…
        #expect(Percent.of(1, 3) == 33.3)
        #expect(Percent.of(1, 8) == 12.5)
        #expect(Percent.of(1, 80) == 1.3)   // 1.25
        #expect(Percent.of(0, 5) == 0)
        #expect(Percent.of(5, 5) == 100)
    }

    @Test func nothingApplicableHasNoPercent() {
        #expect(Percent.of(0, 0) == nil)
    }
}
