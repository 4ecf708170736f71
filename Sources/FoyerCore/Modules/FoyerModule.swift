import Hummingbird
import Logging
import ServiceLifecycle

/// A capability plugged into the server: everything it adds is declared here, nothing is edited centrally.
public protocol FoyerModule: Sendable {
    /// Short lower-case name, also the prefix of its migration names and its `/api/<name>` routes.
    var name: String { get }
    /// Schema changes, in order; never reorder or rename an applied one.
    var migrations: [Migration] { get }
    /// Entries this module adds to the portal's navigation.
    var navigation: [NavigationEntry] { get }
    /// Adds API routes and pages.
    func registerRoutes(on router: Router<FoyerRequestContext>, environment: ModuleEnvironment)
    /// Request paths whose bodies may be larger than the configured limit (a batch endpoint that
    /// must take large batches), with the limit each needs in bytes.
    var bodyLimits: [String: Int] { get }
    /// Background work, run for the server's lifetime and cancelled on graceful shutdown.
    func services(environment: ModuleEnvironment) -> [any Service]
    /// Work before the server accepts requests, after migrations (e.g. registering configured locations).
    func start(environment: ModuleEnvironment) async throws
    /// Whether the module stores anything yet; the demo only loads when every module says no.
    func holdsData(environment: ModuleEnvironment) async throws -> Bool
    /// Adds this module's part of the demo organisation; returns a one-line summary for the log.
    func loadDemo(environment: ModuleEnvironment) async throws -> String?
    /// Finds the catalog user an account is, for the module that holds the catalog.
    func personLinker(database: Database) -> (any PersonLinker)?
    /// An HTML page answering `error` when a browser asked for page `path`; nil leaves it to other modules (or JSON).
    func errorPage(for error: FoyerError, path: String, navigation: [NavigationEntry]) -> Response?
}

extension FoyerModule {
    public var migrations: [Migration] { [] }
    public var navigation: [NavigationEntry] { [] }
    public func registerRoutes(on router: Router<FoyerRequestContext>, environment: ModuleEnvironment) {}
    public var bodyLimits: [String: Int] { [:] }
    public func services(environment: ModuleEnvironment) -> [any Service] { [] }
    public func start(environment: ModuleEnvironment) async throws {}
    public func holdsData(environment: ModuleEnvironment) async throws -> Bool { false }
    public func loadDemo(environment: ModuleEnvironment) async throws -> String? { nil }
    public func errorPage(for error: FoyerError, path: String, navigation: [NavigationEntry]) -> Response? { nil }
    public func personLinker(database: Database) -> (any PersonLinker)? { nil }
}

/// A link in the portal's navigation, contributed by a module.
public struct NavigationEntry: Sendable, Equatable, Codable {
    public let title: String
    public let path: String
    /// Lower comes first.
    public let order: Int
    /// Shown only to callers with this role (the page itself still asks the access policy).
    public let requiredRole: Role?

    public init(title: String, path: String, order: Int, requiredRole: Role? = nil) {
        self.title = title
        self.path = path
        self.order = order
        self.requiredRole = requiredRole
    }
}

/// What the server hands every module: shared infrastructure, never another module's tables.
public struct ModuleEnvironment: Sendable {
    public let configuration: ServerConfiguration
    public let database: Database
    public let logger: Logger
    /// Every module's navigation, sorted, for pages to render.
    public let navigation: [NavigationEntry]
    /// Tokens, accounts and sessions: the sign-in pages use it (requests get their principal from the middleware).
    public let authenticator: Authenticator
}
