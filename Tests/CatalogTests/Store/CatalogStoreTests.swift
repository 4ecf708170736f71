import Catalog
import CatalogTestSupport
import FoyerCore
import FoyerTestSupport
import SQLKit
import Testing

@Suite struct CatalogStoreTests {
    @Test func registeringAFolderStoresItsEntitiesWithRelationsBothWays() async throws {
        try await withCatalog { catalog in
            let folder = try TestFolder()
            try folder.write("a/catalog-info.yaml", Descriptors.component("web"))
            try folder.write("b/catalog-info.yaml", Descriptors.group("team-a"))
            try folder.write("b/other.yaml", Descriptors.component("ignored"))
            let (_, created, summary) = try await catalog.register(LocationSpec(type: "file", target: folder.path), base: "/")
            #expect(created)
            #expect(summary.added == 2)
            let web = try #require(try await catalog.reader.entity(ref: EntityRef(kind: "component", namespace: "default", name: "web")))
            #expect(web.relations.map { "\($0.type) \($0.target)" } == ["ownedBy group:default/team-a"])
            #expect(web.generation == 1)
            let team = try #require(try await catalog.reader.entity(ref: EntityRef(kind: "group", namespace: "default", name: "team-a")))
            #expect(team.relations.map { "\($0.type) \($0.target)" } == ["ownerOf component:default/web"])
            let served = web.served
            #expect(served["metadata"]?["uid"]?.stringValue == web.uid)
            #expect(served["metadata"]?["annotations"]?[Annotation.managedByLocation]?.stringValue == "file:" + folder.file("a/catalog-info.yaml"))
            #expect(served["metadata"]?["annotations"]?[Annotation.managedByOriginLocation]?.stringValue == "file:" + folder.path)
        }
    }

    @Test func relationFacetsCountOnlyStoredSources() async throws {
        try await withCatalog { catalog in
            let folder = try TestFolder()
            try folder.write("catalog-info.yaml", [Descriptors.group("team-a"), Descriptors.component("web"), Descriptors.component("orphaned", owner: "ghost")].joined(separator: "\n---\n"))
            _ = try await catalog.register(LocationSpec(type: "file", target: folder.path), base: "/")
            let owners = try await catalog.reader.facets(["relations.ownerOf"], filter: .none)["relations.ownerOf"]
            #expect(owners == [FacetCount(value: "component:default/web", count: 1)])
        }
    }

    @Test func aBareKeyFilterFindsAValueTooLongToIndex() async throws {
        try await withCatalog { catalog in
            let folder = try TestFolder()
            try folder.write("catalog-info.yaml", [Descriptors.component("long", extra: "  description: " + String(repeating: "d", count: 300)),
                                                   Descriptors.component("short", extra: "  description: brief")].joined(separator: "\n---\n"))
            _ = try await catalog.register(LocationSpec(type: "file", target: folder.path), base: "/")
            func named(_ filter: String) async throws -> [String] {
                try await catalog.reader.entities(EntityQuery(filter: try EntityFilter.parse([filter])), offset: 0, limit: nil).map(\.ref.name)
            }
            #expect(try await named("metadata.description") == ["long", "short"])
            #expect(try await named("metadata.description=" + String(repeating: "d", count: 300)).isEmpty)
            let facet = try await catalog.reader.facets(["metadata.description"], filter: .none)["metadata.description"]
            #expect(facet == [FacetCount(value: "brief", count: 1)], "a value not indexed has no facet")
        }
    }

    @Test func racingRegistrationsOfOneLocationCreateItOnce() async throws {
        try await withCatalog { catalog in
            let spec = LocationSpec(type: "file", target: "/srv/catalog/catalog-info.yaml")
            let results = try await withThrowingTaskGroup(of: (StoredLocation, Bool).self) { group in
                for _ in 0..<8 { group.addTask { try await catalog.locations.register(spec, base: "/") } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.filter(\.1).count == 1)
            #expect(Set(results.map(\.0.id)).count == 1)
        }
    }

    @Test func refreshBumpsGenerationOnlyWhenSpecChanges() async throws {
        try await withCatalog { catalog in
            let folder = try TestFolder()
            try folder.write("catalog-info.yaml", Descriptors.component("web"))
            let (location, _, _) = try await catalog.register(LocationSpec(type: "file", target: folder.path), base: "/")
            let ref = EntityRef(kind: "component", namespace: "default", name: "web")
            let first = try #require(try await catalog.reader.entity(ref: ref))

            let unchanged = try await catalog.refresh(location)
            #expect(unchanged.unchanged == 1)

            try folder.write("catalog-info.yaml", Descriptors.component("web", extra: "  description: now described"))
            #expect(try await catalog.refresh(location).updated == 1)
            let described = try #require(try await catalog.reader.entity(ref: ref))
            #expect(described.etag != first.etag)
            #expect(described.generation == 1)
            #expect(described.uid == first.uid)

            try folder.write("catalog-info.yaml", Descriptors.component("web", owner: "team-b", extra: "  description: now described"))
            try await catalog.refresh(location)
            let moved = try #require(try await catalog.reader.entity(ref: ref))
            #expect(moved.generation == 2)
            #expect(moved.relations.map(\.target.description) == ["group:default/team-b"])
        }
    }

    @Test func vanishedEntityIsOrphanedAndComesBackWhenRestored() async throws {
        try await withCatalog { catalog in
            let folder = try TestFolder()
            try folder.write("catalog-info.yaml", Descriptors.component("web") + "\n---\n" + Descriptors.component("api-gw"))
            let (location, _, _) = try await catalog.register(LocationSpec(type: "file", target: folder.path), base: "/")
            try folder.write("catalog-info.yaml", Descriptors.component("web"))
            #expect(try await catalog.refresh(location).orphaned == 1)
            let orphan = try #require(try await catalog.reader.entity(ref: EntityRef(kind: "component", namespace: "default", name: "api-gw")))
            #expect(orphan.isOrphan)
            #expect(orphan.served["metadata"]?["annotations"]?[Annotation.orphan] == .string("true"))
            // Backstage's way to list orphans: a filter on the annotation.
            func orphans(_ filter: String) async throws -> [String] {
                try await catalog.reader.entities(EntityQuery(filter: try EntityFilter.parse([filter])), offset: 0, limit: nil).map(\.ref.name)
            }
            #expect(try await orphans("metadata.annotations.backstage.io/orphan=true") == ["api-gw"])
            #expect(try await orphans("kind=component,metadata.annotations.backstage.io/orphan") == ["api-gw"])
            let facet = "metadata.annotations.backstage.io/orphan"
            #expect(try await catalog.reader.facets([facet], filter: .none)[facet] == [FacetCount(value: "true", count: 1)])

            try folder.write("catalog-info.yaml", Descriptors.component("web") + "\n---\n" + Descriptors.component("api-gw"))
            try await catalog.refresh(location)
            #expect(try await catalog.reader.entity(ref: orphan.ref)?.isOrphan == false)
            #expect(try await orphans("metadata.annotations.backstage.io/orphan=true").isEmpty)
            #expect(try await catalog.reader.facets([facet], filter: .none)[facet] == [])
        }
    }

    @Test func brokenFileKeepsItsLastGoodEntitiesAndRecordsTheProblem() async throws {
        try await withCatalog { catalog in
            let folder = try TestFolder()
            try folder.write("catalog-info.yaml", Descriptors.component("web"))
            let (location, _, _) = try await catalog.register(LocationSpec(type: "file", target: folder.path), base: "/")
            try folder.write("catalog-info.yaml", "kind: Component\nmetadata: [broken\n")
            let summary = try await catalog.refresh(location)
            #expect(summary.orphaned == 0)
            #expect(try await catalog.reader.entity(ref: EntityRef(kind: "component", namespace: "default", name: "web"))?.isOrphan == false)
            let problems = try await catalog.locations.problems(locationID: location.id)
            #expect(problems.count == 1)
            #expect(problems.first?.file == folder.file("catalog-info.yaml"))
        }
    }

    @Test func invalidEditKeepsThePreviousVersionOfThatEntity() async throws {
        try await withCatalog { catalog in
            let folder = try TestFolder()
            try folder.write("catalog-info.yaml", Descriptors.component("web"))
            let (location, _, _) = try await catalog.register(LocationSpec(type: "file", target: folder.path), base: "/")
            try folder.write("catalog-info.yaml", Descriptors.component("web", type: "\"\""))
            try await catalog.refresh(location)
            let web = try await catalog.reader.entity(ref: EntityRef(kind: "component", namespace: "default", name: "web"))
            #expect(web?.isOrphan == false)
            #expect(web?.body["spec"]?["type"] == .string("service"))
            #expect(try await catalog.locations.problems(locationID: location.id).map(\.field) == ["spec.type"])
        }
    }

    @Test func sameEntityFromASecondLocationIsAConflictReportedThere() async throws {
        try await withCatalog { catalog in
            let first = try TestFolder(), second = try TestFolder()
            try first.write("catalog-info.yaml", Descriptors.component("web"))
            try second.write("catalog-info.yaml", Descriptors.component("Web", owner: "intruders"))
            let (one, _, _) = try await catalog.register(LocationSpec(type: "file", target: first.path), base: "/")
            let (two, _, summary) = try await catalog.register(LocationSpec(type: "file", target: second.path), base: "/")
            #expect(summary.conflicts == 1)
            let web = try await catalog.reader.entity(ref: EntityRef(kind: "component", namespace: "default", name: "web"))
            #expect(web?.locationID == one.id)
            #expect(web?.relations.map(\.target.name) == ["team-a"])
            #expect(try await catalog.locations.problems(locationID: two.id).first?.message.contains("already defined") == true)
        }
    }

    @Test func aRefDefinedInTwoFilesOfOneLocationIsStoredOnceAndTheSecondIsReported() async throws {
        try await withCatalog { catalog in
            let folder = try TestFolder()
            try folder.write("a/catalog-info.yaml", Descriptors.component("web") + "\n---\n" + Descriptors.group("team-a"))
            try folder.write("b/catalog-info.yaml", Descriptors.component("web", owner: "team-b"))
            let (location, _, summary) = try await catalog.register(LocationSpec(type: "file", target: folder.path), base: "/")
            #expect(summary.added == 2)
            let web = try await catalog.reader.entity(ref: EntityRef(kind: "component", namespace: "default", name: "web"))
            #expect(web?.relations.map(\.target.name) == ["team-a"])
            let problems = try await catalog.locations.problems(locationID: location.id)
            #expect(problems.map(\.file) == [folder.file("b/catalog-info.yaml")])
            #expect(problems.first?.message.contains("defined more than once in this location") == true)
            // A refresh reads the same: the first definition stays, the second is still reported.
            #expect(try await catalog.refresh(location).unchanged == 2)
            #expect(try await catalog.locations.problems(locationID: location.id).map(\.file) == [folder.file("b/catalog-info.yaml")])
        }
    }

    @Test func deletingALocationRemovesItsEntitiesAndTheirRelations() async throws {
        try await withCatalog { catalog in
            let folder = try TestFolder()
            try folder.write("catalog-info.yaml", Descriptors.component("web") + "\n---\n" + Descriptors.group("team-a"))
            let (location, _, _) = try await catalog.register(LocationSpec(type: "file", target: folder.path), base: "/")
            #expect(try await Self.derivedRows(catalog.database).allSatisfy { $0 > 0 })
            #expect(try await catalog.locations.delete(id: location.id))
            #expect(try await catalog.reader.count(EntityQuery()) == 0)
            #expect(try await Self.derivedRows(catalog.database) == [0, 0, 0], "no relation, filter or search row outlives its entity")
            #expect(try await catalog.locations.all().isEmpty)
            #expect(try await !catalog.locations.delete(id: location.id))
        }
    }

    @Test func deletingAnEntityRemovesItsDerivedRowsAndNoOthers() async throws {
        try await withCatalog { catalog in
            let folder = try TestFolder()
            try folder.write("catalog-info.yaml", Descriptors.component("web") + "\n---\n" + Descriptors.group("team-a"))
            try await catalog.register(LocationSpec(type: "file", target: folder.path), base: "/")
            let before = try await Self.derivedRows(catalog.database)
            let web = try #require(try await catalog.reader.entity(ref: EntityRef(kind: "component", namespace: "default", name: "web")))
            #expect(try await catalog.writer.delete(uid: web.uid))
            let after = try await Self.derivedRows(catalog.database)
            // web held both sides of its ownedBy/ownerOf pair, its filter rows and its search document.
            #expect(after[0] == 0 && after[1] > 0 && after[1] < before[1] && after[2] == 1, "\(before) → \(after)")
        }
    }

    /// Rows in the relation, filter and search-document tables.
    static func derivedRows(_ database: Database) async throws -> [Int] {
        var counts: [Int] = []
        for table in ["catalog_relations", "catalog_search", "catalog_search_documents"] {
            counts.append(try await database.sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? -1)
        }
        return counts
    }

    @Test func registeringTheSameLocationTwiceReturnsTheFirst() async throws {
        try await withCatalog { catalog in
            let folder = try TestFolder()
            try folder.write("catalog-info.yaml", Descriptors.component("web"))
            let (first, _, _) = try await catalog.register(LocationSpec(type: "file", target: folder.path), base: "/")
            let (again, created, _) = try await catalog.register(LocationSpec(type: "file", target: folder.path), base: "/")
            #expect(!created)
            #expect(again.id == first.id)
        }
    }

    @Test func locationEntitiesAreFollowedAndCyclesReported() async throws {
        try await withCatalog { catalog in
            let folder = try TestFolder()
            let location = { (name: String, target: String) in
                "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: \(name)\nspec:\n  targets: [\(target)]\n"
            }
            try folder.write("root.yaml", location("root", "./teams/a.yaml"))
            try folder.write("teams/a.yaml", Descriptors.group("team-a") + "---\n" + location("back", "../root.yaml"))
            let (registered, _, summary) = try await catalog.register(LocationSpec(type: "file", target: folder.file("root.yaml")), base: "/")
            #expect(summary.added == 3)
            let problems = try await catalog.locations.problems(locationID: registered.id)
            #expect(problems.count == 1)
            #expect(problems.first?.message.contains("location cycle") == true)
            #expect(problems.first?.entityRef == "location:default/back")
            let ancestry = try await catalog.reader.parentRef(of: EntityRef(kind: "group", namespace: "default", name: "team-a"))
            #expect(ancestry?.description == "location:default/root")
        }
    }

    @Test func globTargetsMatchAcrossFolders() async throws {
        try await withCatalog { catalog in
            let folder = try TestFolder()
            try folder.write("services/a/catalog-info.yaml", Descriptors.component("a"))
            try folder.write("services/b/deep/catalog-info.yaml", Descriptors.component("b"))
            try folder.write("libs/c/catalog-info.yaml", Descriptors.component("c"))
            let (_, _, summary) = try await catalog.register(LocationSpec(type: "file", target: folder.path + "/services/**/catalog-info.yaml"), base: "/")
            #expect(summary.added == 2)
        }
    }
}

@Suite struct EntityCountTests {
    @Test func countsFollowEveryChangeToTheCatalog() async throws {
        try await withCatalog { catalog in
            let folder = try TestFolder()
            try folder.write("catalog-info.yaml", Descriptors.component("a"))
            let (location, _, _) = try await catalog.register(LocationSpec(type: "file", target: folder.path), base: "/")
            let components = EntityQuery(filter: try EntityFilter.parse(["kind=component"]))
            #expect(try await catalog.reader.count(components) == 1)
            try folder.write("catalog-info.yaml", Descriptors.component("a") + "\n---\n" + Descriptors.component("b"))
            try await catalog.refresh(location)
            #expect(try await catalog.reader.count(components) == 2)
            let b = try #require(try await catalog.reader.entity(ref: EntityRef(kind: "component", namespace: "default", name: "b")))
            #expect(try await catalog.writer.delete(uid: b.uid))
            #expect(try await catalog.reader.count(components) == 1)
            #expect(try await catalog.locations.delete(id: location.id))
            #expect(try await catalog.reader.count(components) == 0)
        }
    }
}
