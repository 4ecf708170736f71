import FoyerCore
import FoyerTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit
import Testing

/// A module as a capability would write it: a table, a route, a navigation entry and demo rows.
struct GreetingModule: FoyerModule {
    var name: String { "greeting" }

    var migrations: [Migration] {
        [Migration("greeting.001-greetings") { sql, _ in
            try await sql.create(table: "greetings").column("text", type: .text, .notNull).run()
        }]
    }

    var navigation: [NavigationEntry] { [NavigationEntry(title: "Greetings", path: "/greetings", order: 50)] }

    func registerRoutes(on router: Router<FoyerRequestContext>, environment: ModuleEnvironment) {
        router.get("api/greeting") { _, _ in
            let rows = try await environment.database.sql.select().column("text").from("greetings").all()
            return try JSONBody.response(try rows.map { try $0.decode(column: "text", as: String.self) })
        }
    }

    func holdsData(environment: ModuleEnvironment) async throws -> Bool {
        try await environment.database.sql.select().column("text").from("greetings").limit(1).first() != nil
    }

    func loadDemo(environment: ModuleEnvironment) async throws -> String? {
        try await environment.database.sql.insert(into: "greetings").columns("text").values(SQLBind("hello from the demo")).run()
        return "1 greeting"
    }

    func errorPage(for error: FoyerError, path: String, navigation: [NavigationEntry]) -> Response? {
        Response(status: error.status, headers: [.contentType: "text/html"],
                 body: .init(byteBuffer: ByteBuffer(string: "<h1>\(error.status.code) on \(path)</h1>")))
    }
}

@Suite struct ModuleCompositionTests {
    @Test func registeredModuleContributesMigrationsRoutesAndNavigation() async throws {
        try await TestServer.with(modules: [GreetingModule()]) { server, client in
            #expect(try await server.migrator.pending().isEmpty)
            #expect(server.environment.navigation.map(\.path) == ["/greetings"])
            let response = try await client.execute(uri: "/api/greeting", method: .get)
            #expect(response.status == .ok)
            #expect(try response.json([String].self) == [])
        }
    }

    @Test func browsersGetTheModulesErrorPageAndAPIClientsKeepJSON() async throws {
        try await TestServer.with(modules: [GreetingModule()]) { _, client in
            let page = try await client.execute(uri: "/nowhere", method: .get, headers: [.accept: "text/html,application/xhtml+xml"])
            #expect(page.status == .notFound)
            #expect(page.text == "<h1>404 on /nowhere</h1>")
            let api = try await client.execute(uri: "/api/nowhere", method: .get, headers: [.accept: "text/html"])
            #expect(api.status == .notFound)
            #expect(api.headers[.contentType]?.hasPrefix("application/json") == true)
            let script = try await client.execute(uri: "/nowhere", method: .get)
            #expect(script.headers[.contentType]?.hasPrefix("application/json") == true, "without Accept: text/html the answer stays JSON")
        }
    }

    @Test func demoLoadsIntoAnEmptyDatabaseOnlyOnce() async throws {
        try await TestServer.with(modules: [GreetingModule()]) { server, client in
            let first = try await server.loadDemoIfEmpty()
            let second = try await server.loadDemoIfEmpty()
            let greetings = try await client.execute(uri: "/api/greeting", method: .get).json([String].self)
            #expect(first)
            #expect(!second)
            #expect(greetings == ["hello from the demo"])
        }
    }

    @Test func demoNeverTouchesADatabaseWithTokens() async throws {
        try await TestServer.with(modules: [GreetingModule()]) { server, client in
            _ = try await TokenStore(database: server.database).create(name: "ops", role: .admin, expiresAt: nil)
            #expect(try await !server.loadDemoIfEmpty())
            #expect(try await client.execute(uri: "/api/greeting", method: .get).json([String].self) == [])
        }
    }
}
