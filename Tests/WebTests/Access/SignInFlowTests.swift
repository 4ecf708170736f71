import Foundation
import FoyerCore
import FoyerTestSupport
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Signing in and out, sessions, form tokens, guests, security headers and the audit log, through
/// the portal's own pages and API.
@Suite struct SignInFlowTests {
    static let organisation = [PortalDescriptors.group("team-o", members: ["olive"]), PortalDescriptors.user("olive", displayName: "Olive"),
                               PortalDescriptors.component("web", owner: "team-o")]

    /// A portal without guests, and the server for its database.
    func withClosedPortal(_ body: @escaping @Sendable (any TestClientProtocol, FoyerServer) async throws -> Void) async throws {
        let folder = try TestFolder()
        try folder.write("catalog-info.yaml", Self.organisation.joined(separator: "\n---\n"))
        try await TestServer.with(modules: try portalModules(), configure: {
            $0.dataDir = folder.path + "/data"
            $0.catalogPaths = [folder.file("catalog-info.yaml")]
            $0.auth.allowGuests = false
        }) { server, client in
            try await server.startModules()
            try await body(client, server)
        }
    }

    func account(_ client: any TestClientProtocol, _ username: String, role: String = "viewer") async throws -> String {
        let created = try await client.execute(uri: "/api/auth/accounts", method: .post, headers: bearer(TestServer.bootstrapToken),
                                               body: ByteBuffer(string: #"{"username":"\#(username)","password":"correct horse battery","role":"\#(role)"}"#))
        #expect(created.status == .created, "\(created.text)")
        return try #require(JSONValue.parse(jsonText: created.text)?["id"]?.stringValue)
    }

    @Test func anonymousVisitorsSeeOnlyTheSignInPageAndAnonymousAPIReadsAreRefused() async throws {
        try await withClosedPortal { client, _ in
            let page = try await client.execute(uri: "/catalog?kind=component", method: .get, headers: [.accept: "text/html"])
            #expect(page.status == .seeOther && page.headers[.location] == "/sign-in?back=%2Fcatalog%3Fkind%3Dcomponent")
            let api = try await client.execute(uri: "/api/catalog/entities", method: .get)
            #expect(api.status == .unauthorized && api.text.contains("AuthenticationError"))
            _ = try await client.page("/sign-in")
            #expect(try await client.execute(uri: "/assets/foyer.css", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/api/catalog/entities", method: .get, headers: bearer(TestServer.bootstrapToken)).status == .ok)
        }
    }

    @Test func guestsMayReadWhenAllowedButNeverWrite() async throws {
        try await withPortal(Self.organisation) { client, _ in
            _ = try await client.page("/catalog")
            #expect(try await client.execute(uri: "/api/catalog/entities", method: .get).status == .ok)
            #expect(try await client.submit("/feedback/entities/component/default/web", [("rating", "4")]).status == .unauthorized)
            #expect(try await client.execute(uri: "/api/catalog/locations", method: .post, body: ByteBuffer(string: "{}")).status == .unauthorized)
        }
    }

    @Test func aSessionLastsUntilSignOutAndTheCookieIsHttpOnlySameSiteAndSecureBehindHTTPS() async throws {
        try await withClosedPortal { client, server in
            _ = try await account(client, "olive")
            let token = CSRFToken.make()
            let answer = try await client.execute(
                uri: "/sign-in", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "foyer_csrf=\(token)", HTTPField.Name("X-Forwarded-Proto")!: "https"],
                body: ByteBuffer(string: "username=olive&password=correct+horse+battery&back=%2Fcatalog&csrf=\(token)"))
            #expect(answer.status == .seeOther && answer.headers[.location] == "/catalog")
            let cookies = answer.headers[values: .setCookie]
            let session = try #require(cookies.first { $0.hasPrefix("foyer_session=") })
            #expect(session.contains("HttpOnly") && session.contains("SameSite=Lax") && session.contains("Secure"))
            let fresh = try #require(cookies.first { $0.hasPrefix("foyer_csrf=") })
            #expect(!fresh.contains(token), "signing in replaces the form token")
            let jar = cookies.map { String($0.split(separator: ";")[0]) }.joined(separator: "; ")
            let me = try await client.execute(uri: "/api/auth/me", method: .get, headers: [.cookie: jar])
            #expect(JSONValue.parse(jsonText: me.text) == .object(["name": .string("olive"), "role": .string("viewer"),
                                                                   "source": .string("session"), "user": .string("user:default/olive")]))
            #expect(try await client.page("/", cookie: jar).text.contains("Welcome back, Olive"))
            let out = try await client.submit("/sign-out", [], cookie: jar)
            #expect(out.status == .seeOther && out.headers[values: .setCookie].contains { $0.hasPrefix("foyer_session=;") && $0.contains("Max-Age=0") })
            #expect(try await client.execute(uri: "/api/auth/me", method: .get, headers: [.cookie: jar]).status == .unauthorized, "the stored session is gone")
            let olive = try #require(try await server.authenticator.accounts.find(username: "olive"))
            #expect(try await server.authenticator.sessions.count(accountID: olive.id) == 0)
        }
    }

    @Test func formsAndCookieWritesWithoutTheRightTokenAreRefusedAndChangeNothing() async throws {
        try await withClosedPortal { client, server in
            let jar = try await client.signIn("olive")
            let before = try await DatabaseFingerprint.take(server.database)
            let missing = try await client.execute(uri: "/feedback/entities/component/default/web", method: .post,
                                                   headers: [.contentType: "application/x-www-form-urlencoded", .cookie: jar], body: ByteBuffer(string: "rating=4"))
            #expect(missing.status == .forbidden && missing.text.contains("security token"))
            #expect(try await client.submit("/feedback/entities/component/default/web", [("rating", "4")], cookie: jar, forgedToken: "x").status == .forbidden)
            let api = try await client.execute(uri: "/api/feedback/entities/component/default/web", method: .post,
                                               headers: [.contentType: "application/json", .cookie: jar], body: ByteBuffer(string: #"{"rating":4}"#))
            #expect(api.status == .forbidden, "a cookie alone never authorises a write")
            #expect(try await client.submit("/sign-in", [("username", "olive"), ("password", "correct horse battery")], forgedToken: "nope").status == .forbidden)
            #expect(try await DatabaseFingerprint.take(server.database) == before)
            #expect(try await client.submit("/feedback/entities/component/default/web", [("rating", "4")], cookie: jar).status == .seeOther)
        }
    }

    @Test func wrongPasswordsAreLimitedPerAccountAndDisabledAccountsCannotSignIn() async throws {
        try await withClosedPortal { client, _ in
            let id = try await account(client, "olive")
            for _ in 0..<5 {
                #expect(try await client.submit("/sign-in", [("username", "olive"), ("password", "wrong password!")]).status == .unauthorized)
            }
            let limited = try await client.submit("/sign-in", [("username", "olive"), ("password", "correct horse battery")])
            #expect(limited.status == .tooManyRequests && limited.text.contains("too many failed sign-ins"))
            #expect(try await client.submit("/sign-in", [("username", "nobody"), ("password", "whatever you like")]).status == .unauthorized)

            _ = try await account(client, "bob")
            let jar = try await client.signIn("bob")
            let disabled = try await client.execute(uri: "/api/auth/accounts/\(id)", method: .patch, headers: bearer(TestServer.bootstrapToken),
                                                    body: ByteBuffer(string: #"{"disabled":true}"#))
            #expect(disabled.status == .ok)
            let bob = try #require(JSONValue.parse(jsonText: try await client.execute(uri: "/api/auth/accounts", method: .get, headers: bearer(TestServer.bootstrapToken)).text)?["items"]?
                .arrayValue?.first { $0["username"] == .string("bob") }?["id"]?.stringValue)
            #expect(try await client.execute(uri: "/api/auth/accounts/\(bob)", method: .patch, headers: bearer(TestServer.bootstrapToken),
                                              body: ByteBuffer(string: #"{"disabled":true}"#)).status == .ok)
            #expect(try await client.execute(uri: "/api/auth/me", method: .get, headers: [.cookie: jar]).status == .unauthorized, "disabling ends sessions")
            #expect(try await client.submit("/sign-in", [("username", "bob"), ("password", "correct horse battery")]).status == .unauthorized)
        }
    }

    @Test func adminsCannotLockThemselvesOutAndTheLastAdminStays() async throws {
        try await withClosedPortal { client, _ in
            let root = try await account(client, "root", role: "admin")
            let jar = try await client.signIn("root", role: .admin)
            let token = try #require(formToken(in: jar))
            func patch(_ id: String, _ body: String, headers: HTTPFields) async throws -> TestResponse {
                try await client.execute(uri: "/api/auth/accounts/\(id)", method: .patch, headers: headers, body: ByteBuffer(string: body))
            }
            let own: HTTPFields = [.cookie: jar, CSRFToken.header: token, .contentType: "application/json"]
            #expect(try await patch(root, #"{"role":"editor"}"#, headers: own).status == .conflict)
            #expect(try await patch(root, #"{"disabled":true}"#, headers: own).status == .conflict)
            let last = try await patch(root, #"{"role":"viewer"}"#, headers: bearer(TestServer.bootstrapToken))
            #expect(last.status == .conflict && last.text.contains("at least one enabled admin"))
            let second = try await account(client, "second", role: "admin")
            #expect(try await patch(second, #"{"role":"ADMIN"}"#, headers: own).status == .ok, "keeping the role is no demotion")
            #expect(try await patch(second, #"{"disabled":true}"#, headers: own).status == .ok)
            #expect(try await patch(root, #"{"disabled":true}"#, headers: bearer(TestServer.bootstrapToken)).status == .conflict)
            let audit = try await client.execute(uri: "/api/audit?path=/api/auth/accounts&outcome=succeeded", method: .get, headers: bearer(TestServer.bootstrapToken))
            #expect(audit.text.contains(#""detail":"disabled""#) && audit.text.contains(#""detail":"role admin""#))
        }
    }

    @Test func everyAnswerCarriesTheSecurityHeaders() async throws {
        try await withPortal(Self.organisation) { client, _ in
            for uri in ["/", "/api/catalog/entities", "/api/nope", "/assets/foyer.js"] {
                let answer = try await client.execute(uri: uri, method: .get, headers: [.accept: "text/html"])
                let policy = answer.headers[.contentSecurityPolicy] ?? ""
                #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline") && policy.contains("frame-ancestors 'none'"), "\(uri)")
                #expect(answer.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(uri)")
                #expect(answer.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin", "\(uri)")
            }
        }
    }

    @Test func theAuditLogRecordsWhoWroteWhatAndHowItEndedForAdminsOnly() async throws {
        try await withClosedPortal { client, _ in
            _ = try await account(client, "olive")
            let jar = try await client.signIn("olive")
            _ = try await client.submit("/feedback/entities/component/default/web", [("rating", "5")], cookie: jar)
            _ = try await client.execute(uri: "/api/catalog/locations", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: "{}"))
            _ = try await client.submit("/sign-in", [("username", "olive"), ("password", "wrong password!")])
            #expect(try await client.execute(uri: "/api/audit", method: .get, headers: [.cookie: jar]).status == .forbidden)
            let text = try await client.execute(uri: "/api/audit?limit=10", method: .get, headers: bearer(TestServer.bootstrapToken)).text
            let all = try #require(JSONValue.parse(jsonText: text))
            let entries = try #require(all["items"]?.arrayValue)
            let rating = try #require(entries.first { $0["path"] == .string("/feedback/entities/component/default/web") })
            #expect(rating["actor"] == .string("user:default/olive") && rating["outcome"] == .string("succeeded") && rating["status"] == .number(303))
            let refused = try #require(entries.first { $0["path"] == .string("/api/catalog/locations") })
            #expect(refused["actor"] == .string("anonymous") && refused["outcome"] == .string("refused") && refused["status"] == .number(401))
            let failedSignIn = try #require(entries.first { $0["path"] == .string("/sign-in") && $0["status"] == .number(401) })
            #expect(failedSignIn["actor"] == .string("account:olive") && failedSignIn["detail"] == .string("password sign-in"))
            let mine = try #require(JSONValue.parse(jsonText: try await client.execute(uri: "/api/audit?actor=user:default/olive&outcome=succeeded", method: .get,
                                                                                          headers: bearer(TestServer.bootstrapToken)).text))
            #expect(mine["items"]?.arrayValue?.map { $0["path"]?.stringValue ?? "" } == ["/feedback/entities/component/default/web"])
            #expect(try await client.execute(uri: "/api/audit?outcome=maybe", method: .get, headers: bearer(TestServer.bootstrapToken)).status == .badRequest)
            #expect(!text.contains("correct horse battery") && !text.contains("wrong password"), "no secrets in the log")
        }
    }

    @Test func onlyTheDemoOffersSignInAs() async throws {
        try await withClosedPortal { client, _ in
            let page = try await client.page("/sign-in").text
            #expect(page.contains("Password") && !page.contains("Demo: sign in as"))
            let answer = try await client.submit("/sign-in/as", [("user", "user:default/olive")])
            #expect(answer.status == .notFound)
        }
    }
}
