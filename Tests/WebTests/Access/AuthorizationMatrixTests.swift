import Foundation
import FoyerCore
import FoyerTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Every write route of the portal, tried by every kind of caller: refused ones get 401 or 403 and
/// change nothing stored; allowed ones get past the access check. A write route missing from the
/// table fails the test, so a new route cannot skip the policy unnoticed.
@Suite struct AuthorizationMatrixTests {
    /// What a route asks the policy; `open` routes (sign-in and sign-out) are for everyone.
    enum Rule {
        case open
        case ask(Action)
        /// Ingest: a person sends their own events, a token anyone's.
        case eventsIngest
    }

    struct Route {
        let method: HTTPRequest.Method
        let pattern: String
        let uri: String
        let body: String
        let form: Bool
        let rule: Rule
    }

    struct Caller {
        let name: String
        let principal: Principal?
        let headers: HTTPFields
        let owner: Bool
        /// Credentials that are refused before any route: expired or revoked tokens.
        var invalid = false
    }

    static let descriptors = [
        PortalDescriptors.group("team-o", members: ["olive"]), PortalDescriptors.group("team-x", members: ["victor", "eddie", "ada"]),
        PortalDescriptors.user("olive", displayName: "Olive"), PortalDescriptors.user("victor", displayName: "Victor"),
        PortalDescriptors.user("eddie", displayName: "Eddie"), PortalDescriptors.user("ada", displayName: "Ada"),
        PortalDescriptors.component("web", owner: "team-o"), LearningDescriptors.docsPath,
        "apiVersion: foyer.dev/v1alpha1\nkind: Survey\nmetadata:\n  name: pulse\nspec:\n  window: {start: 2026-01-01, end: 2099-12-31}\n  questions: [{id: score, type: rating, text: Score?}]\n",
        "apiVersion: foyer.dev/v1alpha1\nkind: Survey\nmetadata:\n  name: quiz\nspec:\n  window: {start: 2026-01-01, end: 2099-12-31}\n  questions: [{id: score, type: rating, text: Score?}]\n",
        "apiVersion: foyer.dev/v1alpha1\nkind: Survey\nmetadata:\n  name: poll\nspec:\n  window: {start: 2026-01-01, end: 2099-12-31}\n  questions: [{id: score, type: rating, text: Score?}]\n",
    ]

    static func person(_ user: String, _ role: Role) -> Principal {
        Principal(account: Account(id: "acc", username: user, email: nil, role: role, userRef: "user:default/\(user)", origin: .local,
                                   createdAt: EpochMillis(0), disabledAt: nil), session: nil, source: .session)
    }

    /// Whether `caller` should get past `route`'s access check.
    static func allowed(_ route: Route, _ caller: Caller) -> Bool? {
        switch route.rule {
        case .open: return nil
        case .ask(let action): return AccessPolicy.refusal(caller.principal, action, isOwner: caller.owner) == nil
        case .eventsIngest:
            let action: Action = caller.principal.map { $0.source != .token } == true ? .participate : .edit
            return AccessPolicy.refusal(caller.principal, action) == nil
        }
    }

    /// How many refusals the audit log holds.
    static func refusals(_ database: Database) async throws -> Int {
        var filter = AuditFilter()
        filter.outcome = .refused
        filter.limit = 500
        return try await AuditStore(database: database).entries(filter).count
    }

    @Test func everyWriteRouteAsksThePolicyAndRefusedCallsChangeNothing() async throws {
        let folder = try TestFolder()
        try folder.write("catalog-info.yaml", Self.descriptors.joined(separator: "\n---\n"))
        try folder.write("spare/catalog-info.yaml", PortalDescriptors.component("spare", owner: "team-x"))
        try await TestServer.with(modules: try portalModules(), configure: {
            $0.dataDir = folder.path + "/data"
            $0.catalogAllowedRoots = [folder.path]
            $0.auth.allowGuests = false
        }) { server, client in
            let admin = bearer(TestServer.bootstrapToken)
            func call(_ method: HTTPRequest.Method, _ uri: String, _ body: String = "", headers: HTTPFields = admin) async throws -> TestResponse {
                var headers = headers
                headers[.contentType] = "application/json"
                return try await client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: body))
            }
            func json(_ response: TestResponse) -> JSONValue { JSONValue.parse(jsonText: response.text) ?? .null }

            // The fixtures the routes act on: locations, tokens, an account, a rating, an exemption.
            #expect(try await call(.post, "/api/catalog/locations", #"{"type":"file","target":"\#(folder.file("catalog-info.yaml"))"}"#).status == .created)
            let spare = json(try await call(.post, "/api/catalog/locations", #"{"type":"file","target":"\#(folder.file("spare/catalog-info.yaml"))"}"#))
            let spareLocation = try #require(spare["location"]?["id"]?.stringValue)
            let spareUID = try #require(json(try await call(.get, "/api/catalog/entities/by-name/component/default/spare"))["metadata"]?["uid"]?.stringValue)
            let people = TestPeople(server)
            let olive = try await people.headers("user:default/olive", role: .viewer)
            let victor = try await people.headers("user:default/victor", role: .viewer)
            let eddie = try await people.headers("user:default/eddie", role: .editor)
            let ada = try await people.headers("user:default/ada", role: .admin)
            let spareAccount = json(try await call(.post, "/api/auth/accounts", #"{"username":"spare","password":"correct horse battery"}"#))
            let spareAccountID = try #require(spareAccount["id"]?.stringValue)
            func token(_ role: Role) async throws -> (id: String, secret: String) {
                let created = json(try await call(.post, "/api/auth/tokens", #"{"name":"\#(role.rawValue)","role":"\#(role.rawValue)"}"#))
                return (try #require(created["token"]?["id"]?.stringValue), try #require(created["secret"]?.stringValue))
            }
            let (viewerToken, editorToken, adminToken, revoked, target) = (try await token(.viewer), try await token(.editor),
                                                                          try await token(.admin), try await token(.admin), try await token(.viewer))
            #expect(try await call(.delete, "/api/auth/tokens/\(revoked.id)").status == .ok)
            let longAgo = EpochMillis(1_600_000_000_000)
            let expired = try await TokenStore(database: server.database)
                .create(name: "expired", role: .admin, expiresAt: EpochMillis(longAgo.value + 60_000), now: longAgo)
            let oliveAccount = try #require(try await server.authenticator.accounts.find(username: "olive"))
            let (_, staleSecret) = try await server.authenticator.sessions.start(accountID: oliveAccount.id, address: nil, now: longAgo)
            let staleToken = CSRFToken.make()
            let staleSession: HTTPFields = [.cookie: "\(SessionCookie.name)=\(staleSecret); \(CSRFToken.cookieName)=\(staleToken)", CSRFToken.header: staleToken]
            let rated = try await call(.post, "/api/feedback/entities/component/default/web", #"{"rating":2,"comment":"slow"}"#, headers: victor)
            #expect(rated.status == .created, "\(rated.text)")
            let ratingID = try #require(json(rated)["yours"]?["id"]?.stringValue, "\(rated.text)")
            let exempted = try await call(.post, "/api/scorecards/exemptions", #"{"entityRef":"component:default/web","check":"has-docs","reason":"later","expires":"2099-01-31"}"#)
            let exemptionID = try #require(json(exempted)["id"]?.stringValue, "\(exempted.text)")

            let routes: [Route] = [
                Route(method: .post, pattern: "/api/auth/tokens", uri: "/api/auth/tokens", body: #"{"name":"x","role":"viewer"}"#, form: false, rule: .ask(.administer)),
                Route(method: .delete, pattern: "/api/auth/tokens/{id}", uri: "/api/auth/tokens/\(target.id)", body: "", form: false, rule: .ask(.administer)),
                Route(method: .post, pattern: "/api/auth/accounts", uri: "/api/auth/accounts", body: #"{"username":"newcomer","password":"correct horse battery"}"#, form: false, rule: .ask(.administer)),
                Route(method: .patch, pattern: "/api/auth/accounts/{id}", uri: "/api/auth/accounts/\(spareAccountID)", body: #"{"role":"editor"}"#, form: false, rule: .ask(.administer)),
                Route(method: .post, pattern: "/api/feedback/entities/{kind}/{namespace}/{name}", uri: "/api/feedback/entities/component/default/web", body: #"{"rating":4}"#, form: false, rule: .ask(.participate)),
                Route(method: .post, pattern: "/api/feedback/ratings/{id}/replies", uri: "/api/feedback/ratings/\(ratingID)/replies", body: #"{"text":"on it"}"#, form: false, rule: .ask(.actAsOwner)),
                Route(method: .post, pattern: "/api/feedback/helpful", uri: "/api/feedback/helpful", body: #"{"subject":"feature:techdocs","helpful":true}"#, form: false, rule: .ask(.participate)),
                Route(method: .post, pattern: "/api/feedback/surveys/{name}/responses", uri: "/api/feedback/surveys/pulse/responses", body: #"{"answers":{"score":4}}"#, form: false, rule: .ask(.participate)),
                Route(method: .post, pattern: "/api/scorecards/exemptions", uri: "/api/scorecards/exemptions", body: #"{"entityRef":"component:default/web","check":"has-owner","reason":"x","expires":"2099-01-31"}"#, form: false, rule: .ask(.actAsOwner)),
                Route(method: .delete, pattern: "/api/scorecards/exemptions/{id}", uri: "/api/scorecards/exemptions/\(exemptionID)", body: "", form: false, rule: .ask(.actAsOwner)),
                Route(method: .post, pattern: "/api/catalog/locations", uri: "/api/catalog/locations?onConflict=refresh", body: #"{"type":"file","target":"\#(folder.file("spare/catalog-info.yaml"))"}"#, form: false, rule: .ask(.edit)),
                Route(method: .delete, pattern: "/api/catalog/entities/by-uid/{uid}", uri: "/api/catalog/entities/by-uid/\(spareUID)", body: "", form: false, rule: .ask(.edit)),
                Route(method: .delete, pattern: "/api/catalog/locations/{id}", uri: "/api/catalog/locations/\(spareLocation)", body: "", form: false, rule: .ask(.edit)),
                Route(method: .post, pattern: "/api/catalog/analyze-location", uri: "/api/catalog/analyze-location", body: #"{"location":{"type":"file","target":"\#(folder.file("catalog-info.yaml"))"}}"#, form: false, rule: .ask(.edit)),
                Route(method: .post, pattern: "/api/catalog/entities/by-refs", uri: "/api/catalog/entities/by-refs", body: #"{"entityRefs":["component:default/web"]}"#, form: false, rule: .ask(.read)),
                Route(method: .post, pattern: "/api/catalog/refresh", uri: "/api/catalog/refresh", body: #"{"entityRef":"component:default/web"}"#, form: false, rule: .ask(.edit)),
                Route(method: .post, pattern: "/api/catalog/validate-entity", uri: "/api/catalog/validate-entity", body: #"{"location":"url:https://example.com/g.yaml","entity":{"apiVersion":"backstage.io/v1alpha1","kind":"Group","metadata":{"name":"g"},"spec":{"type":"team","children":[]}}}"#, form: false, rule: .ask(.read)),
                Route(method: .put, pattern: "/api/insights/excluded-users/{user}", uri: "/api/insights/excluded-users/user:default%2Fvictor", body: #"{"reason":"a bot"}"#, form: false, rule: .ask(.administer)),
                Route(method: .delete, pattern: "/api/insights/excluded-users/{user}", uri: "/api/insights/excluded-users/user:default%2Fvictor", body: "", form: false, rule: .ask(.administer)),
                Route(method: .put, pattern: "/api/insights/excluded-users/{user}/{name}", uri: "/api/insights/excluded-users/user:default/victor", body: #"{"reason":"a bot"}"#, form: false, rule: .ask(.administer)),
                Route(method: .delete, pattern: "/api/insights/excluded-users/{user}/{name}", uri: "/api/insights/excluded-users/user:default/victor", body: "", form: false, rule: .ask(.administer)),
                Route(method: .post, pattern: "/api/insights/events", uri: "/api/insights/events", body: #"[{"action":"navigate","subject":"/x","user":"user:default/olive","timestamp":"2026-11-30T10:00:00Z"}]"#, form: false, rule: .eventsIngest),
                Route(method: .post, pattern: "/api/learning/progress", uri: "/api/learning/progress", body: #"{"user":"user:default/olive","path":"docs-101","step":"reflect"}"#, form: false, rule: .ask(.actFor(user: "user:default/olive"))),
                Route(method: .post, pattern: "/feedback/entities/{kind}/{namespace}/{name}", uri: "/feedback/entities/component/default/web", body: "rating=4", form: true, rule: .ask(.participate)),
                Route(method: .post, pattern: "/feedback/ratings/{id}/replies", uri: "/feedback/ratings/\(ratingID)/replies", body: "text=thanks", form: true, rule: .ask(.actAsOwner)),
                Route(method: .post, pattern: "/feedback/helpful", uri: "/feedback/helpful", body: "subject=feature%3Atechdocs&helpful=yes", form: true, rule: .ask(.participate)),
                Route(method: .post, pattern: "/feedback/surveys/{name}", uri: "/feedback/surveys/poll", body: "score=3", form: true, rule: .ask(.participate)),
                Route(method: .post, pattern: "/feedback/surveys/{name}/dismiss", uri: "/feedback/surveys/quiz/dismiss", body: "back=%2F", form: true, rule: .ask(.participate)),
                Route(method: .post, pattern: "/learn/{path}/steps/{step}", uri: "/learn/docs-101/steps/reflect", body: "", form: true, rule: .ask(.participate)),
                Route(method: .post, pattern: "/admin/accounts", uri: "/admin/accounts", body: "username=formcomer&password=correct+horse+battery&role=viewer", form: true, rule: .ask(.administer)),
                Route(method: .post, pattern: "/admin/accounts/{id}", uri: "/admin/accounts/\(spareAccountID)", body: "role=viewer", form: true, rule: .ask(.administer)),
                Route(method: .post, pattern: "/admin/locations", uri: "/admin/locations", body: "type=file&target=\(folder.file("catalog-info.yaml").addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", form: true, rule: .ask(.edit)),
                Route(method: .post, pattern: "/page-events", uri: "/page-events", body: #"[{"action":"click","subject":"x"}]"#, form: false, rule: .ask(.read)),
                Route(method: .post, pattern: "/sign-in", uri: "/sign-in", body: "", form: true, rule: .open),
                Route(method: .post, pattern: "/sign-in/as", uri: "/sign-in/as", body: "", form: true, rule: .open),
                Route(method: .post, pattern: "/sign-out", uri: "/sign-out", body: "", form: true, rule: .open),
            ]

            // The table covers every write route the server has, and nothing else.
            let writes = server.makeRouter().routes.filter { ![.get, .head].contains($0.method) }.map { "\($0.method) \($0.path)" }
            #expect(Set(writes) == Set(routes.map { "\($0.method) \($0.pattern)" }), "\(Set(writes).symmetricDifference(routes.map { "\($0.method) \($0.pattern)" }))")

            let anonymousToken = CSRFToken.make()
            let callers = [
                // A browser that loaded a page: it holds a form token but nobody signed in.
                Caller(name: "anonymous", principal: nil, headers: [.cookie: "\(CSRFToken.cookieName)=\(anonymousToken)", CSRFToken.header: anonymousToken], owner: false),
                Caller(name: "viewer, not an owner", principal: Self.person("victor", .viewer), headers: victor, owner: false),
                Caller(name: "editor, not an owner", principal: Self.person("eddie", .editor), headers: eddie, owner: false),
                Caller(name: "viewer token", principal: Principal(name: "viewer", role: .viewer, tokenID: viewerToken.id), headers: bearer(viewerToken.secret), owner: false),
                Caller(name: "editor token", principal: Principal(name: "editor", role: .editor, tokenID: editorToken.id), headers: bearer(editorToken.secret), owner: false),
                Caller(name: "revoked token", principal: nil, headers: bearer(revoked.secret), owner: false, invalid: true),
                Caller(name: "expired token", principal: nil, headers: bearer(expired.secret), owner: false, invalid: true),
                // The owner's session, long expired: nobody is signed in.
                Caller(name: "expired session", principal: nil, headers: staleSession, owner: false),
                Caller(name: "unknown token", principal: nil, headers: bearer("foyer_" + String(repeating: "x", count: 40)), owner: false, invalid: true),
                Caller(name: "viewer, owner", principal: Self.person("olive", .viewer), headers: olive, owner: true),
                Caller(name: "admin", principal: Self.person("ada", .admin), headers: ada, owner: false),
                Caller(name: "admin token", principal: Principal(name: "admin", role: .admin, tokenID: adminToken.id), headers: bearer(adminToken.secret), owner: false),
            ]
            for route in routes {
                // Refused callers first, while the route's target still exists; then the allowed ones.
                let ordered = callers.sorted { (Self.allowed(route, $0) ?? false ? 1 : 0) < (Self.allowed(route, $1) ?? false ? 1 : 0) }
                var succeeded = false
                for caller in ordered {
                    var headers = caller.headers
                    headers[.contentType] = route.form ? "application/x-www-form-urlencoded" : "application/json"
                    let before = try await DatabaseFingerprint.take(server.database)
                    let refusalsBefore = try await Self.refusals(server.database)
                    let answer = try await client.execute(uri: route.uri, method: route.method, headers: headers, body: ByteBuffer(string: route.body))
                    let label = "\(route.method) \(route.uri) as \(caller.name): \(answer.status.code) \(answer.text.prefix(200))"
                    let allowed = caller.invalid ? false : Self.allowed(route, caller)
                    guard let allowed else { continue }
                    if allowed {
                        // It works, or an allowed caller before this one already used up its target.
                        let fine = answer.status.code < 400 || (succeeded && [404, 409].contains(answer.status.code))
                        #expect(fine, "\(label)")
                        succeeded = succeeded || answer.status.code < 400
                        continue
                    }
                    #expect(answer.status == (caller.principal == nil ? .unauthorized : .forbidden), "\(label)")
                    #expect(try await DatabaseFingerprint.take(server.database) == before, "\(label) changed stored data")
                    #expect(try await Self.refusals(server.database) == refusalsBefore + 1, "\(label) is one refusal in the audit log")
                }
            }
        }
    }
}
