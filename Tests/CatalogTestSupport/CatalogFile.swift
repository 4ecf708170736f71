import Catalog
import FoyerTestSupport

/// One descriptor file registered as a catalog location, for tests that rewrite their catalog.
public struct CatalogFile: Sendable {
    public let catalog: CatalogService
    public let folder: TestFolder

    public init(catalog: CatalogService, folder: TestFolder) {
        self.catalog = catalog
        self.folder = folder
    }

    /// Replaces the file with `descriptors` and re-reads it; returns the problems found.
    @discardableResult
    public func load(_ descriptors: [String]) async throws -> [CatalogProblem] {
        try folder.write("catalog-info.yaml", descriptors.joined(separator: "\n---\n"))
        let (location, _, _) = try await catalog.register(LocationSpec(type: "file", target: folder.file("catalog-info.yaml")), base: "/")
        try await catalog.refresh(location)
        return try await catalog.locations.problems(locationID: location.id)
    }
}
