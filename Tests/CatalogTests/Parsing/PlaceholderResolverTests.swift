@testable import Catalog
import CatalogTestSupport
import FoyerCore
import FoyerTestSupport
import Testing

@Suite struct PlaceholderResolverTests {
    @Test func placeholderDeepInArraysIsResolvedAndADocumentWithoutOneComesBackAsItWas() throws {
        let folder = try TestFolder()
        try folder.write("notes.txt", "hello")
        let resolver = PlaceholderResolver(root: folder.path)
        let descriptor = folder.file("catalog-info.yaml")

        let nested = JSONValue.parse(jsonText: #"{"spec":{"items":[1,{"text":{"$text":"./notes.txt"}}]}}"#)!
        let (resolved, problems) = resolver.resolve(nested, descriptorFile: descriptor)
        #expect(problems.isEmpty)
        #expect(resolved == JSONValue.parse(jsonText: #"{"spec":{"items":[1,{"text":"hello"}]}}"#)!)

        // An object with more than the one member is not a placeholder, as in Backstage.
        let plain = JSONValue.parse(jsonText: #"{"spec":{"items":[{"$text":"./notes.txt","other":1}],"owner":"team-a"}}"#)!
        let (unchanged, none) = resolver.resolve(plain, descriptorFile: descriptor)
        #expect(none.isEmpty)
        #expect(unchanged == plain)
        #expect(!PlaceholderResolver.holdsPlaceholder(plain))
        #expect(PlaceholderResolver.holdsPlaceholder(nested))
    }
}
