import Hummingbird
import Logging
import ServiceLifecycle

/// Composes the registered modules into a running portal: database, migrations, demo, routes, services.
public struct FoyerServer: Sendable {
    public let configuration: ServerConfiguration
    public let modules: [any FoyerModule]
    public let database: Database
    public let logger: Logger
    /// One per server, so sign-in failures are counted across requests.
    let signInLimiter = SignInLimiter()

    /// Opens the database and brings its schema up to date; refuses a database from a newer Foyer.
    public static func start(configuration: ServerConfiguration, modules: [any FoyerModule], logger: Logger) async throws -> FoyerServer {
        _ = MetricsRegistry.shared  // before any metric exists, or it goes nowhere
        let database = try await Database.open(configuration.database, poolSize: configuration.databasePoolSize, logger: logger)
        let server = FoyerServer(configuration: configuration, modules: modules, database: database, logger: logger)
        do {
            let applied = try await server.migrator.migrate()
            if !applied.isEmpty {
                logger.info("applied migrations", metadata: ["migrations": .string(applied.joined(separator: ", "))])
            }
        } catch {
            await database.shutdown()
            throw error
        }
        return server
    }

    /// Every module's migrations, in module order.
    public var migrator: Migrator {
        Migrator(database: database, migrations: modules.flatMap(\.migrations))
    }

    public var environment: ModuleEnvironment {
        ModuleEnvironment(
            configuration: configuration, database: database, logger: logger, navigation: navigation,
            authenticator: authenticator)
    }

    /// Tokens, sessions and the trusted proxy, with the catalog linking accounts to its users.
    public var authenticator: Authenticator {
        Authenticator(database: database, bootstrapToken: configuration.bootstrapToken, settings: configuration.auth,
                      linker: modules.lazy.compactMap { $0.personLinker(database: database) }.first, limiter: signInLimiter)
    }

    /// Every module's navigation entries, in order.
    var navigation: [NavigationEntry] {
        modules.flatMap(\.navigation).sorted { ($0.order, $0.title) < ($1.order, $1.title) }
    }

    /// Loads each module's demo part, but only into a database where no module holds data yet.
    @discardableResult
    public func loadDemoIfEmpty() async throws -> Bool {
        let environment = environment
        for module in modules where try await module.holdsData(environment: environment) {
            logger.notice("demo organisation not loaded: the database already holds data", metadata: ["module": .string(module.name)])
            return false
        }
        var parts: [String] = []
        for module in modules {
            if let summary = try await module.loadDemo(environment: environment) { parts.append(summary) }
        }
        logger.notice("loaded the demo organisation", metadata: ["contents": .string(parts.isEmpty ? "nothing yet" : parts.joined(separator: "; "))])
        return true
    }

    /// Runs each module's start-up work, in module order.
    public func startModules() async throws {
        let environment = environment
        for module in modules { try await module.start(environment: environment) }
    }

    /// The router with Foyer's middleware, health routes and every module's routes.
    public func makeRouter() -> Router<FoyerRequestContext> {
        // HEAD answers as GET without a body, for uptime checks and link checkers.
        let router = Router(context: FoyerRequestContext.self, options: .autoGenerateHeadEndpoints)
        let larger = modules.reduce(into: [String: Int]()) { limits, module in limits.merge(module.bodyLimits, uniquingKeysWith: max) }
        router.add(middleware: RequestObserverMiddleware(maxBodySize: configuration.maxBodySize, largerBodies: larger))
        let environment = environment
        let (modules, navigation) = (modules, environment.navigation)
        router.add(middleware: ErrorMiddleware { error, path in
            modules.lazy.compactMap { $0.errorPage(for: error, path: path, navigation: navigation) }.first
        })
        HealthController(database: database).register(on: router)
        router.add(middleware: AccessMiddleware(authenticator: environment.authenticator))
        for module in modules {
            module.registerRoutes(on: router, environment: environment)
        }
        return router
    }

    /// The HTTP application with module services; the database closes after the server stopped.
    public func makeApplication() -> some ApplicationProtocol {
        let environment = environment
        // ServiceGroup stops services in reverse order, so the database (first) closes last.
        let services: [any Service] = [DatabaseService(database: database)] + modules.flatMap { $0.services(environment: environment) }
        return Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Foyer"),
            services: services,
            onServerRunning: { [logger, configuration] _ in
                logger.notice("Foyer is serving", metadata: ["address": .string("http://\(configuration.host):\(configuration.port)")])
            },
            logger: logger)
    }
}
