@testable import Catalog
import CatalogTestSupport
import FoyerCore
import FoyerTestSupport
import Logging
import Testing

@Suite struct CatalogVersionTests {
    @Test func aWriteInThisProcessChangesTheVersionAtOnce() async throws {
        try await withCatalog { catalog in
            let folder = try TestFolder()
            try folder.write("catalog-info.yaml", Descriptors.component("web"))
            let before = try await catalog.reader.version()
            #expect(try await catalog.reader.version() == before)
            try await catalog.register(LocationSpec(type: "file", target: folder.path), base: "/")
            let registered = try await catalog.reader.version()
            #expect(registered.version > before.version)
            let web = try #require(try await catalog.reader.entity(ref: EntityRef(kind: "component", namespace: "default", name: "web")))
            #expect(try await catalog.writer.delete(uid: web.uid))
            #expect(try await catalog.reader.version().version > registered.version)
        }
    }

    @Test func anotherReplicasWriteIsSeenOnceTheReadingIsNoLongerFresh() async throws {
        let (location, cleanup) = try await TestDatabase.makeLocation()
        var logger = Logger(label: "catalog-version-test")
        logger.logLevel = .warning
        let here = try await Database.open(location, poolSize: 2, logger: logger)
        let replica = try await Database.open(location, poolSize: 2, logger: logger)
        do {
            try await Migrator(database: here, migrations: CoreModule().migrations + CatalogModule().migrations).migrate()
            let catalogHere = CatalogService(database: here, processor: LocationProcessor(), logger: logger)
            let catalogThere = CatalogService(database: replica, processor: LocationProcessor(), logger: logger)
            let folder = try TestFolder()
            try folder.write("catalog-info.yaml", Descriptors.component("web"))
            let started = ContinuousClock.now
            let before = try await catalogHere.reader.version()
            try await catalogThere.register(LocationSpec(type: "file", target: folder.path), base: "/")
            // Within the freshness window this process may still answer from its reading.
            let soon = try await catalogHere.reader.version()
            if ContinuousClock.now - started < CatalogVersion.freshness { #expect(soon == before) }
            try await Task.sleep(for: CatalogVersion.freshness + .milliseconds(50))
            #expect(try await catalogHere.reader.version().version > before.version)
            #expect(try await catalogHere.reader.version() == catalogThere.reader.version())
        } catch {
            await here.shutdown(); await replica.shutdown(); await cleanup()
            throw error
        }
        await here.shutdown(); await replica.shutdown(); await cleanup()
    }
}
