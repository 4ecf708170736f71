import Foundation
import FoyerCore
import Hummingbird
import ServiceLifecycle

/// The software catalog as a Foyer module: tables, API, background refresh, demo organisation.
public struct CatalogModule: FoyerModule {
    public let customKinds: [any CustomKindValidator]
    /// Cross-entity rules of other modules, given the catalog's database to look beyond the location.
    public let locationChecks: @Sendable (Database) -> [any LocationCheck]

    public init(customKinds: [any CustomKindValidator] = [], locationChecks: @escaping @Sendable (Database) -> [any LocationCheck] = { _ in [] }) {
        self.customKinds = customKinds
        self.locationChecks = locationChecks
    }

    public var name: String { "catalog" }
    public var migrations: [Migration] { CatalogSchema.migrations + SearchSchema.migrations + CatalogVersion.migrations + EntityKeys.migrations + EntityColumns.migrations + FilterRowOrder.migrations }
    public var navigation: [NavigationEntry] { [NavigationEntry(title: "Catalog", path: "/catalog", order: 10)] }

    public func service(_ environment: ModuleEnvironment) -> CatalogService {
        let configuration = environment.configuration
        var limits = DescriptorLimits()
        limits.maxFileBytes = configuration.catalogMaxFileSize
        let reader = DescriptorReader(validator: EntityValidator(customKinds: customKinds), limits: limits)
        let remote = GitCheckouts(folder: (configuration.dataDir as NSString).appendingPathComponent("git"), logger: environment.logger)
        let processor = LocationProcessor(reader: reader, remote: remote, policy: Self.policy(configuration),
                                          checks: locationChecks(environment.database))
        return CatalogService(database: environment.database, processor: processor, logger: environment.logger)
    }

    /// Allowed folders: the configured ones, else the working folder and the data folder (where the
    /// demo and git checkouts live); `--catalog` paths given at start are always allowed.
    static func policy(_ configuration: ServerConfiguration) -> LocationAccessPolicy {
        let workingFolder = FileManager.default.currentDirectoryPath
        var roots = configuration.catalogAllowedRoots.map { FileTargets.absolute($0, relativeTo: workingFolder) }
        if roots.isEmpty { roots = [workingFolder] }
        roots.append(FileTargets.absolute(configuration.dataDir, relativeTo: workingFolder))
        for path in configuration.catalogPaths {
            let absolute = FileTargets.absolute(path, relativeTo: workingFolder)
            // A folder is its own root; a file's root is the folder holding it (its Location targets sit beside it).
            var isFolder: ObjCBool = false
            if GlobPattern.isGlob(absolute) {
                roots.append(GlobPattern(absolute).staticPrefix)
            } else if FileManager.default.fileExists(atPath: absolute, isDirectory: &isFolder), isFolder.boolValue {
                roots.append(absolute)
            } else {
                roots.append((absolute as NSString).deletingLastPathComponent)
            }
        }
        return LocationAccessPolicy(roots: roots, hosts: configuration.catalogAllowedHosts)
    }

    public func registerRoutes(on router: Router<FoyerRequestContext>, environment: ModuleEnvironment) {
        let catalog = service(environment)
        EntityController(catalog: catalog, validator: EntityValidator(customKinds: customKinds)).register(on: router)
        LocationController(catalog: catalog, base: FileManager.default.currentDirectoryPath).register(on: router)
        SearchController(index: SearchIndex(database: environment.database)).register(on: router)
    }

    public func services(environment: ModuleEnvironment) -> [any Service] {
        let catalog = service(environment), interval = environment.configuration.catalogRefreshInterval
        // Re-reads every location on an interval; the first refresh waits one interval, since start just read them.
        return [LeasedJob(name: "catalog-refresh", leases: LeaseStore(database: environment.database), interval: interval,
                          firstDelay: interval) { await catalog.refreshAll() }]
    }

    public func personLinker(database: Database) -> (any PersonLinker)? {
        CatalogPeople(reader: EntityReader(database: database))
    }

    public func holdsData(environment: ModuleEnvironment) async throws -> Bool {
        try await !LocationStore(database: environment.database).all().isEmpty
    }

    /// Copies the bundled demo organisation into the data folder and registers it as a location.
    public func loadDemo(environment: ModuleEnvironment) async throws -> String? {
        guard let bundled = Bundle.module.url(forResource: "organisation", withExtension: nil) else {
            throw FoyerError(.internalError, "the demo organisation is missing from this build")
        }
        let summary = try await service(environment).registerBundledFolder(bundled, as: "demo-catalog", dataDir: environment.configuration.dataDir)
        return "\(summary.added) catalog entities"
    }

    /// Registers the `--catalog` locations given at start (idempotent) and reads them.
    public func start(environment: ModuleEnvironment) async throws {
        let catalog = service(environment)
        for path in environment.configuration.catalogPaths {
            let (location, created, summary) = try await catalog.register(LocationSpec(type: "file", target: path), base: FileManager.default.currentDirectoryPath)
            environment.logger.info("catalog location registered", metadata: [
                "location": .string(location.spec.annotationValue), "new": "\(created)", "added": "\(summary.added)"])
        }
    }
}
