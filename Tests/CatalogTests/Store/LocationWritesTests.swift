@testable import Catalog
import CatalogTestSupport
import FoyerCore
import FoyerTestSupport
import Testing

@Suite struct LocationWritesTests {
    @Test func aReaderSeesALocationBeingStoredUntilEveryWriteOnItsDatabaseEnds() async throws {
        try await withCatalog { catalog in
            let database = catalog.reader.database
            #expect(!catalog.reader.isStoringLocation)
            LocationWrites.started(on: database)
            LocationWrites.started(on: database)
            #expect(catalog.reader.isStoringLocation)
            LocationWrites.ended(on: database)
            #expect(catalog.reader.isStoringLocation)
            LocationWrites.ended(on: database)
            #expect(!catalog.reader.isStoringLocation)
        }
    }

    @Test func aRegisteredLocationIsNoLongerBeingStoredOnceRegisterReturns() async throws {
        try await withCatalog { catalog in
            let folder = try TestFolder()
            try folder.write("catalog-info.yaml", Descriptors.component("web"))
            try await catalog.register(LocationSpec(type: "file", target: folder.path), base: "/")
            #expect(!catalog.reader.isStoringLocation)
        }
    }

    @Test func aPostponementWhileStoringLocationWaitsForTheWriteToEnd() async throws {
        try await withCatalog { catalog in
            let database = catalog.reader.database
            LocationWrites.started(on: database)
            let postponement = Postponement.whileStoringLocation(catalog.reader, atMost: .seconds(30))
            let waiting = Task { try await postponement.wait(); return ContinuousClock.now }
            try await Task.sleep(for: .milliseconds(400))
            let ended = ContinuousClock.now
            LocationWrites.ended(on: database)
            #expect(try await waiting.value >= ended)
        }
    }
}
