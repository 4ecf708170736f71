@testable import Catalog
import FoyerCore
import Testing

@Suite struct DescriptorParserTests {
    @Test func multiDocumentYAMLGivesOneDocumentPerEntityWithLines() {
        let text = """
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata:
              name: team-a
            ---
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata:
              name: alice
            spec:
              memberOf: [team-a]
            """
        let (documents, problems) = DescriptorParser.parse(text, file: "org.yaml")
        #expect(problems.isEmpty)
        #expect(documents.count == 2)
        #expect(documents[1].line(of: "metadata.name") == 9)
        #expect(documents[1].line(of: "spec.memberOf[0]") == 11)
        #expect(documents[1].document["spec"]?["memberOf"] == .array([.string("team-a")]))
    }

    @Test func fieldLinesSpellEveryMemberAndItemPathKeepingTheFirstLineOfARepeatedPath() {
        let text = "a.b: 1\na:\n  b: 2\nlist:\n  - x\n  - y: 3\n"
        let (documents, problems) = DescriptorParser.parse(text, file: "x.yaml")
        #expect(problems.isEmpty)
        #expect(documents.first?.fieldLines == ["a.b": 1, "a": 2, "list": 4, "list[0]": 5, "list[1]": 6, "list[1].y": 6])
        #expect(documents.first?.line(of: "list[1].y.z") == 6)
        #expect(documents.first?.line(of: "missing") == 1)
    }

    @Test func fieldLinesOfADocumentReadAfterASyntaxErrorCountFromTheFileStart() {
        let text = "a: [unclosed\n---\nkind: Component\nmetadata:\n  name: web\n"
        let (documents, problems) = DescriptorParser.parse(text, file: "x.yaml")
        #expect(problems.count == 1)
        #expect(documents.first?.fieldLines == ["kind": 3, "metadata": 4, "metadata.name": 5])
    }

    @Test func plainScalarsFollowTheYAML12CoreSchema() {
        let (documents, _) = DescriptorParser.parse("a: yes\nb: true\nc: 12\nd: 1.5\ne: ~\nf: '12'\ng: 2024-01-01\nh: 0x1F\n", file: "x.yaml")
        let document = documents[0].document
        #expect(document["a"] == .string("yes"))
        #expect(document["b"] == .bool(true))
        #expect(document["c"] == .number(12))
        #expect(document["d"] == .number(1.5))
        #expect(document["e"] == .null)
        #expect(document["f"] == .string("12"))
        #expect(document["g"] == .string("2024-01-01"))
        #expect(document["h"] == .number(31))
    }

    @Test func wordsStayStringsAndOnlyTheExactSpecialFormsAreNotStrings() {
        let (documents, _) = DescriptorParser.parse("a: Null\nb: FALSE\nc: nope\nd: trueish\ne: Inf\nf: .inf\ng: -3\nh: e5\ni: team-a\n", file: "x.yaml")
        let document = documents[0].document
        #expect(document["a"] == .null)
        #expect(document["b"] == .bool(false))
        #expect(document["c"] == .string("nope"))
        #expect(document["d"] == .string("trueish"))
        #expect(document["e"] == .string("Inf"))
        #expect(document["f"] == .number(.infinity))
        #expect(document["g"] == .number(-3))
        #expect(document["h"] == .string("e5"))
        #expect(document["i"] == .string("team-a"))
    }

    @Test func jsonDescriptorsAreReadToo() {
        let (documents, problems) = DescriptorParser.parse(#"{"apiVersion":"backstage.io/v1alpha1","kind":"Domain","metadata":{"name":"x"},"spec":{"owner":"t"}}"#, file: "x.json")
        #expect(problems.isEmpty)
        #expect(documents.first?.document["kind"] == .string("Domain"))
    }

    @Test func syntaxErrorIsAProblemWithItsLine() {
        let (_, problems) = DescriptorParser.parse("kind: Component\nmetadata:\n  name: [broken\n", file: "bad.yaml")
        #expect(problems.count == 1)
        #expect(problems.first?.file == "bad.yaml")
        #expect((problems.first?.line ?? 0) >= 3)
        #expect(problems.first?.message.hasPrefix("invalid YAML") == true)
    }

    @Test func aSyntaxErrorCostsOnlyItsOwnDocument() {
        let text = "kind: Group\nmetadata: {name: one}\n---\nkind: Group\nmetadata:\n  name: [broken\n---\nkind: Group\nmetadata:\n  name: three\n"
        let (documents, problems) = DescriptorParser.parse(text, file: "three.yaml")
        #expect(documents.map { $0.document["metadata"]?["name"] } == [.string("one"), .string("three")])
        #expect(documents.map(\.line) == [1, 8])
        #expect(documents[1].line(of: "metadata.name") == 10)
        #expect(problems.count == 1)
        #expect((4...7).contains(problems.first?.line ?? 0), "\(problems)")
    }

    @Test func documentMarkersSplitOnlyAtTheStartOfALine() {
        let chunks = DescriptorParser.documentChunks("a: 1\n---\nb: '---'\n  ---x\n--- # next\nc: 3")
        #expect(chunks.map(\.line) == [1, 2, 5])
        #expect(chunks[1].text == "---\nb: '---'\n  ---x")
        let directives = DescriptorParser.documentChunks("# only a comment\n---\n%YAML 1.2\n---\na: 1\n...\n%TAG ! tag:x,2000:\n--- \nb: 2")
        #expect(directives.map(\.line) == [3, 7], "directives go with the next document; a piece of markers alone is left out")
    }

    @Test func aSyntaxErrorInAWindowsLineEndedFileCostsOnlyItsOwnDocument() {
        let text = "kind: Group\r\nmetadata: {name: one}\r\n---\r\nmetadata: [broken\r\n---\r\nkind: Group\r\nmetadata: {name: three}\r\n"
        let (documents, problems) = DescriptorParser.parse(text, file: "crlf.yaml")
        #expect(documents.map { $0.document["metadata"]?["name"] } == [.string("one"), .string("three")])
        #expect(documents.map(\.line) == [1, 6])
        #expect(problems.count == 1)
    }

    @Test func duplicateKeysAreRefused() {
        let (documents, problems) = DescriptorParser.parse("kind: A\nkind: B\n", file: "dup.yaml")
        #expect(documents.isEmpty)
        #expect(problems.first?.message.contains("duplicate") == true)
    }

    @Test func aliasBombIsStoppedByTheNodeLimit() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...8 {
            let previous = "*a\(level - 1)"
            text += "a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
        }
        let (documents, problems) = DescriptorParser.parse(text, file: "bomb.yaml")
        #expect(documents.isEmpty)
        #expect(problems.first?.message.contains("alias expansion") == true)
    }

    @Test func deepNestingIsRefused() {
        var limits = DescriptorLimits()
        limits.maxDepth = 5
        let text = "a:\n b:\n  c:\n   d:\n    e:\n     f:\n      g: 1\n"
        let (_, problems) = DescriptorParser.parse(text, file: "deep.yaml", limits: limits)
        #expect(problems.first?.message.contains("deeper than 5") == true)
    }

    @Test func fileOverTheSizeLimitIsRefusedWhole() {
        var limits = DescriptorLimits()
        limits.maxFileBytes = 10
        let (documents, problems) = DescriptorParser.parse("kind: Component\n", file: "big.yaml", limits: limits)
        #expect(documents.isEmpty)
        #expect(problems.first?.message.contains("limit") == true)
    }

    @Test func tooManyDocumentsKeepsTheFirstOnes() {
        var limits = DescriptorLimits()
        limits.maxDocuments = 2
        let (documents, problems) = DescriptorParser.parse("a: 1\n---\na: 2\n---\na: 3\n", file: "many.yaml", limits: limits)
        #expect(documents.count == 2)
        #expect(problems.count == 1)
    }

    @Test func emptyDocumentsAreSkipped() {
        let (documents, problems) = DescriptorParser.parse("---\n---\na: 1\n", file: "e.yaml")
        #expect(documents.count == 1)
        #expect(problems.isEmpty)
    }
}
