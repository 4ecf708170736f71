import Catalog
import FoyerCore
import FoyerTestSupport
import Synchronization
import Testing

@Suite struct CatalogScansTests {
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

    @Test func oneScanServesEveryEvaluationAlreadyAskedForOnTheDatabase() async throws {
        try await withCatalog { catalog in
            let folder = try TestFolder()
            try folder.write("catalog-info.yaml", Descriptors.component("web"))
            let location = try await catalog.register(LocationSpec(type: "file", target: folder.path), base: "/").0
            let scans = CatalogScans()
            let counting = CountingEvaluations()
            scans.register(counting.evaluation("registered"), on: catalog.reader.database)

            let first = try await catalog.reader.version()
            #expect(try await scans.state(of: counting.evaluation("a"), at: first, reader: catalog.reader) == 1)
            #expect(counting.passes("a") == 1)
            // Registered before the first scan: served by it without asking.
            #expect(counting.passes("registered") == 1)
            #expect(try await scans.state(of: counting.evaluation("registered"), at: first, reader: catalog.reader) == 1)
            #expect(counting.passes("registered") == 1)
            // `b` was not known when `a` scanned, so it needs a scan of its own; `a` is not repeated.
            #expect(try await scans.state(of: counting.evaluation("b"), at: first, reader: catalog.reader) == 1)
            #expect(counting.passes("a") == 1 && counting.passes("b") == 1)
            #expect(try await scans.state(of: counting.evaluation("a"), at: first, reader: catalog.reader) == 1)
            #expect(counting.passes("a") == 1)

            try folder.write("catalog-info.yaml", Descriptors.component("web") + "\n---\n" + Descriptors.component("api"))
            try await catalog.refresh(location)
            let second = try await catalog.reader.version()
            #expect(second != first)
            #expect(try await scans.state(of: counting.evaluation("a"), at: second, reader: catalog.reader) == 2)
            // The new version's scan evaluated `b` too.
            #expect(counting.passes("b") == 2)
            #expect(try await scans.state(of: counting.evaluation("b"), at: second, reader: catalog.reader) == 2)
            #expect(counting.passes("a") == 2 && counting.passes("b") == 2)
        }
    }
}

/// Evaluations that count the entities they see, and how many times each was prepared.
private final class CountingEvaluations: Sendable {
    private let prepared = Mutex<[String: Int]>([:])

    func passes(_ name: String) -> Int { prepared.withLock { $0[name] ?? 0 } }

    func evaluation(_ name: String) -> CatalogEvaluation<Int> {
        CatalogEvaluation(name: name) { [self] _ in
            prepared.withLock { $0[name, default: 0] += 1 }
            var total = 0
            return ScanPass(evaluate: { $0.count }, merge: { total += $0 }, finish: { total })
        }
    }
}
