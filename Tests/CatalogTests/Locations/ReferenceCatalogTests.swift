import Catalog
import Foundation
import FoyerCore
import FoyerTestSupport
import Testing

/// Backstage's own example catalog and real descriptor files from public repositories, read as Foyer reads them.
@Suite struct ReferenceCatalogTests {
    @Test func backstageExampleCatalogLoadsFollowingEveryLocationTarget() async throws {
        let result = await LocationProcessor().process(LocationSpec(type: "file", target: ReferenceData.path("examples/all.yaml")), base: "/")
        #expect(result.files.count == 41)
        #expect(result.entities.count == 38)
        // The only refusals: three APIs whose definitions are remote `$text` URLs, which Foyer does not fetch.
        #expect(Set(result.problems.compactMap(\.entityRef)) == ["api:default/spotify", "api:default/wayback-archive", "api:default/wayback-search"])
        #expect(result.problems.allSatisfy { $0.field == "spec.definition" && $0.message.contains("remote placeholders") })
        let refs = Set(result.entities.map(\.entity.ref.description))
        #expect(refs.contains("component:default/artist-lookup"))
        #expect(refs.contains("api:default/petstore"))
        #expect(refs.contains("location:default/example-all"))
    }

    @Test func localTextPlaceholderIsInlined() async throws {
        let result = await LocationProcessor().process(LocationSpec(type: "file", target: ReferenceData.path("examples/all-apis.yaml")), base: "/")
        let petstore = result.entities.first { $0.entity.ref.description == "api:default/petstore" }
        #expect(petstore?.entity.spec["definition"]?.stringValue?.contains("openapi") == true)
    }

    @Test func acmeOrganisationLoadsWithoutProblems() async throws {
        let result = await LocationProcessor().process(LocationSpec(type: "file", target: ReferenceData.path("examples/acme-corp.yaml")), base: "/")
        #expect(result.problems.isEmpty)
        #expect(result.entities.count == 27)
        let users = result.entities.filter { $0.entity.kind == "User" }
        #expect(!users.isEmpty)
        let annotations = result.entities[0].entity.annotations
        #expect(annotations[Annotation.managedByOriginLocation]?.stringValue == "file:" + ReferenceData.path("examples/acme-corp.yaml"))
        #expect(annotations[Annotation.managedByLocation]?.stringValue?.hasPrefix("file:/") == true)
    }

    /// Which real-world files Backstage's rules accept, and why the others are refused.
    @Test func realWorldDescriptorsAreJudgedAsBackstageWould() throws {
        let expectedProblems: [String: String] = [
            "GSVlabs__philu-credentials-themes__catalog-info.yml": "invalid YAML",
            "Kajabi__sage-lib__docs__catalog-info.yaml": "spec.dependsOn[0]",
            "Geotab__mygeotab-api-adapter__catalog-info.yml": "spec: is required",
            "NVE__Designsystem__docs__catalog-info.yaml": "spec.dependsOn",
            "OctopusDeploy__mssql-docker__.backstage__catalog-info.yaml": "metadata.name",
            "Zenika__sensei__.backstage__catalog-info.yaml": "unknown root field 'links'",
            "giantswarm__happa__catalog-info.yaml": "metadata.name",
            "thefrontside__playhouse__catalog-info.yaml": "remote placeholders",
        ]
        let folder = ReferenceData.path("wild")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(files.count == 30)
        var accepted = 0
        for file in files {
            let path = (folder as NSString).appendingPathComponent(file)
            let result = DescriptorReader().read(try String(contentsOfFile: path, encoding: .utf8), file: file, placeholders: PlaceholderResolver(root: folder))
            accepted += result.entities.count
            if let expected = expectedProblems[file] {
                #expect(result.problems.contains { $0.description.contains(expected) }, "\(file): \(result.problems)")
            } else {
                #expect(result.problems.isEmpty, "\(file): \(result.problems)")
            }
        }
        #expect(accepted == 47)
    }
}
