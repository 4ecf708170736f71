import Catalog
import FoyerCore
import Hummingbird

/// `GET|POST /sign-in`, `POST /sign-in/as` (demo only), `POST /sign-out`: password sign-in to a
/// server-side session, the demo's "sign in as" picker, and sign-out that ends the session.
struct SignInPage: Sendable {
    let site: Site
    let authenticator: Authenticator
    let demo: Bool

    struct DemoPerson {
        let value: String
        let label: String
    }

    struct Form {
        let username: String
        let back: String
        let error: String?
        let demoPeople: [DemoPerson]
        let proxy: Bool
        let hasDemo: Bool
    }

    func register(on router: Router<FoyerRequestContext>) {
        router.get("sign-in") { request, context in
            let back = HTMLText.localPath(QueryParameters(request.uri.query).first("back"))
            return try await form(username: "", back: back, error: nil, request: request, context, status: .ok)
        }
        router.post("sign-in") { request, context in
            let fields = try await FormBody.read(request, context: context)
            let username = String((fields.first("username") ?? "").prefix(200))
            let back = HTMLText.localPath(fields.first("back"))
            // Only a well-formed username is named: a password typed into the wrong field stays out of the log.
            context.audit.record(actor: "account:" + ((try? AccountRules.username(username)) ?? "(not a username)"), detail: "password sign-in")
            do {
                let secret = try await authenticator.signIn(username: username, password: fields.first("password") ?? "",
                                                                 address: context.clientAddress)
                try await authenticator.signOut(context.principal)
                return signedIn(secret: secret, back: back, request: request)
            } catch let error as FoyerError where [401, 429].contains(error.status.code) {
                return try await form(username: username, back: back, error: error.message, request: request, context, status: error.status)
            }
        }
        router.post("sign-in/as") { request, context in
            guard demo else { throw FoyerError.notFound("signing in as someone else is only for the demo (foyer serve --demo)") }
            let fields = try await FormBody.read(request, context: context)
            let back = HTMLText.localPath(fields.first("back"))
            guard let text = fields.first("user"), let ref = EntityRef.parse(text), ref.kind == "user",
                  let entity = try await site.catalog.reader.entity(ref: ref) else {
                return try await form(username: "", back: back, error: "Pick one of the demo people.", request: request, context, status: .badRequest)
            }
            context.audit.record(actor: ref.description, detail: "demo sign-in as")
            let account = try await DemoAccounts.account(for: entity, accounts: authenticator.accounts)
            let secret = try await authenticator.startSession(for: account, address: context.clientAddress)
            try await authenticator.signOut(context.principal)
            return signedIn(secret: secret, back: back, request: request)
        }
        router.post("sign-out") { request, context in
            try await authenticator.signOut(context.principal)
            let secure = SessionCookie.isSecure(request)
            return PageRenderer.redirect(to: "/sign-in", cookies: [SessionCookie.clear(secure: secure), CSRFToken.cookie(CSRFToken.make(), secure: secure)])
        }
    }

    /// Back where the person was going, with the session cookie and a fresh form token (so a token
    /// planted before sign-in is worth nothing after it).
    private func signedIn(secret: String, back: String, request: Request) -> Response {
        let secure = SessionCookie.isSecure(request)
        return PageRenderer.redirect(to: back, cookies: [SessionCookie.set(secret, lifetime: authenticator.sessions.lifetime, secure: secure),
                                                          CSRFToken.cookie(CSRFToken.make(), secure: secure)])
    }

    private func form(username: String, back: String, error: String?, request: Request, _ caller: FoyerRequestContext,
                      status: HTTPResponse.Status) async throws -> Response {
        let people = demo ? try await DemoAccounts.people(site.catalog.reader).map { DemoPerson(value: $0.ref, label: $0.label) } : []
        let content = Form(username: username, back: back, error: error, demoPeople: people,
                           proxy: !authenticator.settings.proxy.addresses.isEmpty, hasDemo: !people.isEmpty)
        let context = try await site.context(for: request, caller)
        return site.renderer.response(Page(title: "Sign in", template: "sign-in", content: content, status: status), context: context)
    }
}
