import Catalog
import CatalogTestSupport
import FoyerCore
import FoyerTestSupport
import Testing

@Suite struct LocationStreamingTests {
    /// Rejects groups named `rejected`; looks only at groups.
    struct NoRejectedGroups: LocationCheck {
        var kinds: Set<String> { ["group"] }

        func problems(in entities: [ProcessedEntity]) async -> [(index: Int, problem: FieldProblem)] {
            entities.indices.filter { entities[$0].entity.name == "rejected" }.map { ($0, FieldProblem("metadata.name", "rejected by the check")) }
        }
    }

    static func folderOf(files: Int, componentsEach: Int) throws -> TestFolder {
        let folder = try TestFolder()
        for file in 0..<files {
            let documents = (0..<componentsEach).map { Descriptors.component("c-\(file)-\($0)") }
            try folder.write("f\(file)/catalog-info.yaml", documents.joined(separator: "\n---\n"))
        }
        try folder.write("teams/catalog-info.yaml", Descriptors.group("team-a") + "\n---\n" + Descriptors.group("rejected"))
        return folder
    }

    @Test func aLargeLocationArrivesInBoundedSlicesHoldingTogetherWhatAWholeReadHolds() async throws {
        let folder = try Self.folderOf(files: 60, componentsEach: 10)
        let processor = LocationProcessor(checks: [NoRejectedGroups()])
        let spec = LocationSpec(type: "file", target: folder.path)
        var slices: [ProcessedLocation] = []
        await processor.process(spec, base: "/", sliceSize: 50) { slices.append($0) }
        let whole = await processor.process(spec, base: "/")

        #expect(slices.count > 1)
        // A slice holds at most what it had when it reached the size, plus one batch of files read at once.
        #expect(slices.allSatisfy { $0.entities.count < 50 + LocationProcessor.readWidth * 10 })
        let streamedRefs = slices.flatMap(\.entities).map(\.entity.ref.description)
        #expect(streamedRefs.count == 601)
        #expect(Set(streamedRefs) == Set(whole.entities.map(\.entity.ref.description)))
        #expect(slices.flatMap(\.files).count == 61)
        // What the check looks at waits for the end, and what it rejects becomes a problem.
        #expect(slices.dropLast().allSatisfy { $0.entities.allSatisfy { $0.entity.kind != "Group" } })
        #expect(slices.last?.entities.filter { $0.entity.kind == "Group" }.map(\.entity.name) == ["team-a"])
        #expect(slices.flatMap(\.problems).map(\.message) == ["rejected by the check"])
    }

    @Test func aLocationStoredSliceBySliceHoldsEveryEntityWithItsRelations() async throws {
        try await withCatalog { catalog in
            let folder = try Self.folderOf(files: 30, componentsEach: 100)
            let (location, _, summary) = try await catalog.register(LocationSpec(type: "file", target: folder.path), base: "/")
            #expect(summary.added == 3002)
            #expect(try await catalog.reader.count(EntityQuery()) == 3002)
            let team = try #require(try await catalog.reader.entity(ref: EntityRef(kind: "group", namespace: "default", name: "team-a")))
            #expect(team.relations.filter { $0.type == "ownerOf" }.count == 3000)
            #expect(try await catalog.refresh(location).unchanged == 3002)
        }
    }
}
