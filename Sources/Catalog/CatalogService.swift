import Foundation
import FoyerCore
import Logging

/// The catalog's use cases over its stores: register, refresh and remove locations.
public struct CatalogService: Sendable {
    public let database: Database
    public let processor: LocationProcessor
    public let logger: Logger

    public init(database: Database, processor: LocationProcessor, logger: Logger) {
        self.database = database
        self.processor = processor
        self.logger = logger
    }

    public var locations: LocationStore { LocationStore(database: database) }
    public var reader: EntityReader { EntityReader(database: database) }
    public var writer: EntityWriter { EntityWriter(database: database) }

    /// Registers `spec` (or finds it registered) and reads it now. With `rejectingExisting` an existing
    /// location is a 409 decided by the store, so two racing registrations cannot both be told they created it.
    @discardableResult
    public func register(_ spec: LocationSpec, base: String, rejectingExisting: Bool = false) async throws -> (location: StoredLocation, created: Bool, summary: ApplySummary) {
        let (location, created) = try await locations.register(spec, base: base)
        if rejectingExisting, !created {
            throw FoyerError(.conflict, "location \(spec.type):\(spec.target) already exists")
        }
        let summary = try await refresh(location)
        return (location, created, summary)
    }

    @discardableResult
    /// Copies a folder of descriptors shipped with the binary into the data folder (replacing an
    /// earlier copy) and registers its `catalog-info.yaml`: how modules load their demo content.
    public func registerBundledFolder(_ bundled: URL, as name: String, dataDir: String) async throws -> ApplySummary {
        try DataFolder.prepare(dataDir)
        let target = (dataDir as NSString).appendingPathComponent(name)
        try? FileManager.default.removeItem(atPath: target)
        try FileManager.default.copyItem(atPath: bundled.path, toPath: target)
        return try await registerDemoRoot(in: target)
    }

    /// Writes descriptors made at load time (dated around today) as `<dataDir>/<name>/catalog-info.yaml`
    /// and registers that file: how modules load generated demo content.
    @discardableResult
    public func registerGeneratedFile(_ yaml: String, as name: String, dataDir: String) async throws -> ApplySummary {
        let folder = (dataDir as NSString).appendingPathComponent(name)
        try DataFolder.prepare(folder)
        try yaml.write(toFile: (folder as NSString).appendingPathComponent("catalog-info.yaml"), atomically: true, encoding: .utf8)
        return try await registerDemoRoot(in: folder)
    }

    private func registerDemoRoot(in folder: String) async throws -> ApplySummary {
        let root = (folder as NSString).appendingPathComponent("catalog-info.yaml")
        let spec = LocationSpec(type: "file", target: FileTargets.absolute(root, relativeTo: FileManager.default.currentDirectoryPath))
        return try await register(spec, base: "/").summary
    }

    /// What registering `spec` would add, without storing anything.
    public func dryRun(_ spec: LocationSpec, base: String) async -> ProcessedLocation {
        await processor.process(spec, base: base)
    }

    /// Re-reads one location and stores the result as it is read, slice by slice.
    @discardableResult
    public func refresh(_ location: StoredLocation) async throws -> ApplySummary {
        let clock = ContinuousClock()
        let started = clock.now
        var storing = Duration.zero
        var files = 0
        var problems = 0
        var handed = 0
        var write = writer.begin(locationID: location.id)
        LocationWrites.started(on: writer.database)
        defer { LocationWrites.ended(on: writer.database) }
        let name = location.spec.annotationValue
        let summary: ApplySummary
        do {
            try await processor.process(location.spec, base: location.base) { slice in
                let sliceStarted = clock.now
                try await write.store(slice)
                storing += clock.now - sliceStarted
                files += slice.files.count
                problems += slice.problems.count
                // Only large locations are worth progress lines.
                let before = handed
                handed += slice.entities.count
                if handed / 10_000 != before / 10_000 {
                    logger.info("storing catalog location", metadata: ["location": .string(name), "read": "\(handed)"])
                }
            }
            let finishing = clock.now
            summary = try await write.finish()
            storing += clock.now - finishing
        } catch {
            await write.abandon()
            throw error
        }
        logger.info("catalog location read", metadata: [
            "location": .string(name), "files": "\(files)", "added": "\(summary.added)",
            "updated": "\(summary.updated)", "orphaned": "\(summary.orphaned)", "problems": "\(problems)",
            "read_ms": "\((clock.now - started - storing).milliseconds)", "store_ms": "\(storing.milliseconds)",
        ])
        return summary
    }

    /// Re-reads every location; one failing location does not stop the others.
    public func refreshAll() async {
        let all: [StoredLocation]
        do {
            all = try await locations.all()
        } catch {
            logger.error("cannot list catalog locations", metadata: ["error": "\(error)"])
            return
        }
        for location in all {
            if Task.isCancelled { return }
            do {
                try await refresh(location)
            } catch {
                logger.error("catalog location refresh failed", metadata: ["location": .string(location.spec.annotationValue), "error": "\(error)"])
            }
        }
    }
}
