import Hummingbird
import ServiceLifecycle

/// The platform itself as a module: API tokens, accounts, sessions and the audit log.
public struct CoreModule: FoyerModule {
    public init() {}

    public var name: String { "core" }

    public var migrations: [Migration] {
        TokenStore.migrations + LeaseStore.migrations + AccountStore.migrations + SessionStore.migrations + AuditStore.migrations
    }

    public func registerRoutes(on router: Router<FoyerRequestContext>, environment: ModuleEnvironment) {
        TokenController(tokens: TokenStore(database: environment.database)).register(on: router)
        AccountController(authenticator: environment.authenticator).register(on: router)
        AuditController(audit: AuditStore(database: environment.database)).register(on: router)
    }

    public func services(environment: ModuleEnvironment) -> [any Service] {
        let (sessions, logger) = (environment.authenticator.sessions, environment.logger)
        // Expired sessions already sign nobody in; sweeping keeps the table to the ones that count.
        return [LeasedJob(name: "core.session-sweep", leases: LeaseStore(database: environment.database),
                          interval: .seconds(3600), firstDelay: .seconds(60)) {
            do {
                let purged = try await sessions.purgeExpired()
                if purged > 0 { logger.info("deleted expired sessions", metadata: ["sessions": .stringConvertible(purged)]) }
            } catch {
                logger.warning("could not delete expired sessions", metadata: ["error": "\(error)"])
            }
        }]
    }

    public func holdsData(environment: ModuleEnvironment) async throws -> Bool {
        try await !TokenStore(database: environment.database).isEmpty()
    }
}
