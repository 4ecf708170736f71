import Hummingbird

/// The platform itself as a module: API tokens (and later accounts, audit).
public struct CoreModule: FoyerModule {
    public init() {}

    public var name: String { "core" }

    public var migrations: [Migration] { TokenStore.migrations + LeaseStore.migrations }

    public func registerRoutes(on router: Router<FoyerRequestContext>, environment: ModuleEnvironment) {
        TokenController(tokens: TokenStore(database: environment.database)).register(on: router)
    }

    public func holdsData(environment: ModuleEnvironment) async throws -> Bool {
        try await !TokenStore(database: environment.database).isEmpty()
    }
}
