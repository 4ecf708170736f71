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
        // Defined again in the last file, far from the first definition (another slice).
        try folder.write("zz/catalog-info.yaml", Descriptors.component("c-0-0", owner: "team-b"))
        return folder
    }

    @Test func aLargeLocationArrivesInBoundedSlicesHoldingTogetherWhatAWholeReadHolds() async throws {
        let folder = try Self.folderOf(files: 60, componentsEach: 10)
        let processor = LocationProcessor(checks: [NoRejectedGroups()])
        let spec = LocationSpec(type: "file", target: folder.path)
        var slices: [ProcessedLocation] = []
        await processor.process(spec, base: "/", sliceSize: 50) { slices.append($0) }

        #expect(slices.count > 1)
        // A slice holds at most what it had when it reached the size, plus one batch of files read at once.
        #expect(slices.allSatisfy { $0.entities.count < 50 + LocationProcessor.readWidth * 10 })
        let streamedRefs = slices.flatMap(\.entities).map(\.entity.ref.description)
        #expect(streamedRefs.count == 601)
        let written = (0..<60).flatMap { file in (0..<10).map { "component:default/c-\(file)-\($0)" } } + ["group:default/team-a"]
        #expect(Set(streamedRefs) == Set(written))
        #expect(slices.flatMap(\.files).count == 62)
        // What the check looks at waits for the end, and what it rejects becomes a problem.
        #expect(slices.dropLast().allSatisfy { $0.entities.allSatisfy { $0.entity.kind != "Group" } })
        #expect(slices.last?.entities.filter { $0.entity.kind == "Group" }.map(\.entity.name) == ["team-a"])
        let problems = slices.flatMap(\.problems)
        #expect(problems.map(\.file) == [folder.file("zz/catalog-info.yaml"), folder.file("teams/catalog-info.yaml")])
        #expect(problems.first?.message.contains("defined more than once in this location (also in \(folder.file("f0/catalog-info.yaml")))") == true)
        #expect(problems.last?.message == "rejected by the check")
    }

    @Test func aLocationStoredInManySlicesHoldsEveryEntityOnceWithItsRelationsAndProblems() async throws {
        try await withCatalog { catalog in
            let folder = try Self.folderOf(files: 40, componentsEach: 25)
            let spec = LocationSpec(type: "file", target: folder.path)
            let (location, _) = try await catalog.locations.register(spec, base: "/")
            func storeInSmallSlices() async throws -> ApplySummary {
                var write = catalog.writer.begin(locationID: location.id)
                var slices = 0
                try await LocationProcessor().process(spec, base: "/", sliceSize: 30) { slice in
                    slices += 1
                    try await write.store(slice)
                }
                #expect(slices > 2)  // one per batch of files read at once, and the last
                return try await write.finish()
            }
            let first = try await storeInSmallSlices()
            #expect([first.added, first.updated, first.unchanged, first.orphaned, first.conflicts] == [1002, 0, 0, 0, 0])
            #expect(try await catalog.reader.count(EntityQuery()) == 1002)
            let team = try #require(try await catalog.reader.entity(ref: EntityRef(kind: "group", namespace: "default", name: "team-a")))
            #expect(team.relations.filter { $0.type == "ownerOf" }.count == 1000)
            let problems = try await catalog.locations.problems(locationID: location.id)
            #expect(problems.map(\.file) == [folder.file("zz/catalog-info.yaml")])

            try folder.remove("f39/catalog-info.yaml")
            let again = try await storeInSmallSlices()
            #expect([again.added, again.updated, again.unchanged, again.orphaned, again.conflicts] == [0, 0, 977, 25, 0])
        }
    }
}
