import Catalog
import FoyerCore
import Testing
@testable import Web

@Suite struct DescriptorYAMLTests {
    /// Whatever the entity holds, the YAML shown reads back as the same document.
    @Test(arguments: [
        #"{"apiVersion":"backstage.io/v1alpha1","kind":"Component","metadata":{"name":"a","tags":["java","web"],"annotations":{"backstage.io/techdocs-ref":"dir:."}},"spec":{"type":"service","owner":"team-a"}}"#,
        ##"{"kind":"API","spec":{"definition":"openapi: 3.0.0\ninfo:\n  title: x\n","odd":["yes","no","on","1.0","007","-","- a","a: b","#x"," lead","trail ","", "null","~"]}}"##,
        #"{"metadata":{"links":[{"url":"https://x","title":"X"},{"url":"javascript:alert(1)"}],"empty":{},"none":[],"n":3,"f":1.5,"t":true,"z":null}}"#,
        #"{"metadata":{"description":"line one\nline two\n\nline four","q":"say \"hi\"","u":"naïve ☕","colon:key":"v"}}"#,
    ])
    func theYAMLReadsBackAsTheSameDocument(json: String) throws {
        let document = try #require(JSONValue.parse(jsonText: json))
        let yaml = DescriptorYAML.text(document)
        let parsed = DescriptorParser.parse(yaml, file: "shown.yaml")
        #expect(parsed.problems.isEmpty, "\(parsed.problems)\n\(yaml)")
        #expect(parsed.documents.first?.document == document, "\(yaml)")
    }

    @Test func familiarFieldsComeFirst() {
        let yaml = DescriptorYAML.text(.object(["spec": .object([:]), "kind": .string("Component"), "apiVersion": .string("v1"), "metadata": .object(["name": .string("a")])]))
        #expect(yaml.hasPrefix("apiVersion: v1\nkind: Component\nmetadata:\n  name: a\nspec: {}"))
    }
}
