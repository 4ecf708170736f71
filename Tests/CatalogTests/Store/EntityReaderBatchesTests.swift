import Catalog
import CatalogTestSupport
import FoyerCore
import FoyerTestSupport
import Testing

@Suite struct EntityReaderBatchesTests {
    @Test func batchesGiveEveryEntityOnceWithTheRelationsOfASingleRead() async throws {
        try await withCatalog { catalog in
            let folder = try TestFolder()
            let components = (1...7).map { Descriptors.component("svc-\($0)", owner: $0 % 2 == 0 ? "team-a" : "team-b") }
            // Owners holding the list's separators: a comma, and the ASCII record separator.
            let odd = [Descriptors.component("svc-comma", owner: "'team-a,team-b'"), Descriptors.component("svc-record", owner: "\"team-a\\x1eteam-b\"")]
            try folder.write("catalog-info.yaml", (components + odd + [Descriptors.group("team-a"), Descriptors.group("team-b")]).joined(separator: "\n---\n"))
            try await catalog.register(LocationSpec(type: "file", target: folder.path), base: "/")

            var seen: [StoredEntity] = []
            try await catalog.reader.forEachBatch(of: 3) { seen += $0 }
            #expect(seen.count == 11)
            #expect(Set(seen.map(\.ref)).count == 11)
            for entity in seen {
                let single = try #require(try await catalog.reader.entity(ref: entity.ref))
                #expect(entity.relations == single.relations, "\(entity.ref)")
            }
            let team = try #require(seen.first { $0.ref.name == "team-a" })
            #expect(team.relations.map(\.target.name) == ["svc-2", "svc-4", "svc-6"])
            let comma = try #require(seen.first { $0.ref.name == "svc-comma" })
            #expect(comma.relations.map(\.target.name) == ["team-a,team-b"])
            let record = try #require(seen.first { $0.ref.name == "svc-record" })
            #expect(record.relations.map(\.target.name) == ["team-a\u{1e}team-b"])
        }
    }
}
