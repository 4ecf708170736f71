@testable import Catalog
import CatalogTestSupport
import Foundation
import FoyerCore
import FoyerTestSupport
import Testing

/// Hostile or broken inputs: each becomes a clear problem, and what was stored before stays.
@Suite struct BadInputTests {
    @Test func binaryFileAndWrongEncodingAreProblemsNotCrashes() async throws {
        let folder = try TestFolder()
        try Data([0x6B, 0x69, 0x00, 0x01, 0xFF]).write(to: URL(fileURLWithPath: folder.file("bin/catalog-info.yaml")).creatingFolder())
        try Data("kind: Caf\u{E9}\n".data(using: .isoLatin1)!).write(to: URL(fileURLWithPath: folder.file("latin/catalog-info.yaml")).creatingFolder())
        try Data("kind: Component\n".data(using: .utf16)!).write(to: URL(fileURLWithPath: folder.file("wide/catalog-info.yaml")).creatingFolder())
        let result = await LocationProcessor().process(LocationSpec(type: "file", target: folder.path), base: "/")
        #expect(result.entities.isEmpty)
        #expect(Set(result.problems.map(\.message)) == ["holds a NUL byte, so it looks binary: descriptors must be UTF-8 text", "the file is not valid UTF-8 text",
                                                        "the file is UTF-16 text: descriptors must be UTF-8"])
    }

    @Test func fileOverTheConfiguredSizeIsRefused() async throws {
        let folder = try TestFolder()
        try folder.write("catalog-info.yaml", Descriptors.component("web") + "\n# " + String(repeating: "x", count: 3000))
        var limits = DescriptorLimits()
        limits.maxFileBytes = 2048
        let result = await LocationProcessor(reader: DescriptorReader(limits: limits)).process(LocationSpec(type: "file", target: folder.path), base: "/")
        #expect(result.entities.isEmpty)
        #expect(result.problems.first?.message.contains("limit is 2048") == true)
    }

    @Test func locationTargetOutsideTheAllowedRootsIsAProblem() async throws {
        let allowed = try TestFolder(), outside = try TestFolder()
        try outside.write("catalog-info.yaml", Descriptors.component("secret"))
        try allowed.write("catalog-info.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: {name: sneaky}\nspec:\n  target: \(outside.file("catalog-info.yaml"))\n")
        let processor = LocationProcessor(policy: LocationAccessPolicy(roots: [allowed.path], hosts: []))
        let result = await processor.process(LocationSpec(type: "file", target: allowed.path), base: "/")
        #expect(result.entities.map(\.entity.name) == ["sneaky"])
        #expect(result.problems.first?.message.contains("outside the allowed catalog folders") == true)
    }

    @Test func symlinkEscapingTheFolderIsRefused() async throws {
        let allowed = try TestFolder(), outside = try TestFolder()
        try outside.write("catalog-info.yaml", Descriptors.component("secret"))
        try FileManager.default.createDirectory(atPath: allowed.file("team"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: allowed.file("team/catalog-info.yaml"), withDestinationPath: outside.file("catalog-info.yaml"))
        let processor = LocationProcessor(policy: LocationAccessPolicy(roots: [allowed.path], hosts: []))
        let result = await processor.process(LocationSpec(type: "file", target: allowed.path), base: "/")
        #expect(result.entities.isEmpty)
        #expect(result.problems.first?.message.contains("which leads to") == true, "\(result.problems)")
    }

    @Test func aFolderGivenWithCatalogIsItsOwnRootNotItsParent() throws {
        let parent = try TestFolder()
        try parent.write("cat/catalog-info.yaml", Descriptors.component("web"))
        try parent.write("sibling/catalog-info.yaml", Descriptors.component("secret"))
        var configuration = ServerConfiguration()
        configuration.dataDir = parent.file("data")
        configuration.catalogPaths = [parent.file("cat"), parent.file("single/all.yaml")]
        configuration.catalogAllowedRoots = [parent.file("cat")]
        let policy = CatalogModule.policy(configuration)
        try policy.checkFile(parent.file("cat/catalog-info.yaml"))
        try policy.checkFile(parent.file("single/apis/orders.yaml"))  // a file's folder is allowed, for the targets beside it
        #expect(throws: FoyerError.self) { try policy.checkFile(parent.file("sibling/catalog-info.yaml")) }
    }

    @Test func aMissingLocationTargetIsReportedOnItsOwnLine() async throws {
        let folder = try TestFolder()
        try folder.write("a.yaml", Descriptors.component("a"))
        try folder.write("catalog-info.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: all\nspec:\n  targets:\n    - ./a.yaml\n    - ./gone.yaml\n")
        let result = await LocationProcessor().process(LocationSpec(type: "file", target: folder.file("catalog-info.yaml")), base: "/")
        #expect(result.entities.map(\.entity.name).sorted() == ["a", "all"])
        let problem = try #require(result.problems.first)
        #expect(problem.field == "spec.targets[1]" && problem.line == 8, "\(result.problems)")
    }

    @Test func remoteHostNotAllowedIsRefusedBeforeAnyFetch() throws {
        let policy = LocationAccessPolicy(roots: ["/srv"], hosts: ["git.example.com"])
        #expect(throws: FoyerError.self) { try policy.checkRemote("https://evil.example.org/org/repo") }
        try policy.checkRemote("https://git.example.com/org/repo/blob/main/catalog-info.yaml")
        #expect(throws: FoyerError.self) { try policy.checkRemote("file:///etc/repo.git") }
    }

    @Test func placeholderCannotReadOutsideItsLocation() async throws {
        let folder = try TestFolder()
        try folder.write("catalog-info.yaml", """
            apiVersion: backstage.io/v1alpha1
            kind: API
            metadata: {name: leak}
            spec: {type: openapi, lifecycle: x, owner: t, definition: {$text: /etc/passwd}}
            """)
        let result = await LocationProcessor().process(LocationSpec(type: "file", target: folder.path), base: "/")
        #expect(result.entities.isEmpty)
        #expect(result.problems.first?.message.contains("only read files inside") == true)
    }

    @Test func placeholderCannotFollowASymlinkOutOfItsLocation() async throws {
        let folder = try TestFolder(), outside = try TestFolder()
        try outside.write("secret.txt", "do not serve me")
        try FileManager.default.createSymbolicLink(atPath: folder.file("definition.txt"), withDestinationPath: outside.file("secret.txt"))
        try folder.write("catalog-info.yaml", """
            apiVersion: backstage.io/v1alpha1
            kind: API
            metadata: {name: leak}
            spec: {type: openapi, lifecycle: x, owner: t, definition: {$text: ./definition.txt}}
            """)
        let result = await LocationProcessor().process(LocationSpec(type: "file", target: folder.path), base: "/")
        #expect(result.entities.isEmpty)
        #expect(result.problems.first?.message.contains("only read files inside") == true, "\(result.problems)")
    }

    @Test func storedEntitiesSurviveALocationTurningHostile() async throws {
        try await withCatalog { catalog in
            let folder = try TestFolder()
            try folder.write("catalog-info.yaml", Descriptors.component("web"))
            let (location, _, _) = try await catalog.register(LocationSpec(type: "file", target: folder.path), base: "/")
            var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
            for level in 1...8 { bomb += "a\(level): &a\(level) [\(Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", "))]\n" }
            try folder.write("catalog-info.yaml", bomb)
            try await catalog.refresh(location)
            #expect(try await catalog.reader.entity(ref: EntityRef(kind: "component", namespace: "default", name: "web"))?.isOrphan == false)
            #expect(try await catalog.locations.problems(locationID: location.id).count == 1)
        }
    }
}

@Suite struct GitTargetTests {
    @Test func blobURLsNameRepositoryBranchAndPath() throws {
        let target = try GitTarget.parse("https://github.com/acme/shop/blob/main/services/catalog-info.yaml")
        #expect(target == GitTarget(repository: "https://github.com/acme/shop", branch: "main", path: "services/catalog-info.yaml"))
    }

    @Test func fragmentSyntaxNamesBranchAndGlob() throws {
        #expect(try GitTarget.parse("file:///srv/repo.git#dev:teams/**/catalog-info.yaml")
            == GitTarget(repository: "file:///srv/repo.git", branch: "dev", path: "teams/**/catalog-info.yaml"))
        #expect(try GitTarget.parse("/srv/repo").path == ".")
        #expect(throws: FoyerError.self) { try GitTarget.parse("/srv/repo#--upload-pack=x") }
    }
}

extension URL {
    /// Creates the parent folder and returns the URL, for writing fixture files.
    func creatingFolder() throws -> URL {
        try FileManager.default.createDirectory(at: deletingLastPathComponent(), withIntermediateDirectories: true)
        return self
    }
}

/// What a `file` target names: files, folders searched for descriptors, globs.
@Suite struct FileTargetTests {
    @Test func aGlobMatchingNothingOrAFolderWithoutDescriptorsDoesNotExist() throws {
        let folder = try TestFolder()
        try folder.write("teams/a/catalog-info.yaml", Descriptors.component("a"))
        try folder.write("other/notes.yaml", "a: 1\n")
        #expect(try FileTargets.resolve("teams/**/catalog-info.yaml", relativeTo: folder.path) == [folder.file("teams/a/catalog-info.yaml")])
        #expect(throws: FoyerError.self) { try FileTargets.resolve("team/**/catalog-info.yaml", relativeTo: folder.path) }
        #expect(throws: FoyerError.self) { try FileTargets.resolve("other", relativeTo: folder.path) }
        #expect(try FileTargets.resolve("teams", relativeTo: folder.path).count == 1)
    }
}
