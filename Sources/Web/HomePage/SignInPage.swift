import Catalog
import FoyerCore
import Hummingbird

/// `GET|POST /sign-in`, `POST /sign-out`: until accounts arrive, a person tells Foyer which catalog
/// `User` they are. It only personalises pages (home, owned entities); it grants no rights.
struct SignInPage: Sendable {
    let site: Site

    struct Form {
        let userName: String
        let error: String?
    }

    func register(on router: Router<FoyerRequestContext>) {
        router.get("sign-in") { request, _ in
            try await form(Form(userName: "", error: nil), request: request, status: .ok)
        }
        router.post("sign-in") { request, context in
            let fields = try await FormBody.read(request, context: context)
            let name = (fields.first("user") ?? "").trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.count <= 200, let ref = EntityRef.parse(name, defaultKind: "user", defaultNamespace: Entity.defaultNamespace),
                  ref.kind == "user" else {
                return try await form(Form(userName: String(name.prefix(200)), error: "Enter a user name from the catalog, such as jane.doe."),
                                      request: request, status: .badRequest)
            }
            guard try await site.catalog.reader.entity(ref: ref) != nil else {
                return try await form(Form(userName: name, error: "There is no user \(ref.name) in the catalog."), request: request, status: .badRequest)
            }
            return PageRenderer.redirect(to: "/", cookies: [Cookies.set(ViewerProfile.cookieName, ref.description)])
        }
        router.post("sign-out") { _, _ in
            PageRenderer.redirect(to: "/", cookies: [Cookies.set(ViewerProfile.cookieName, "", days: 0)])
        }
    }

    private func form(_ form: Form, request: Request, status: HTTPResponse.Status) async throws -> Response {
        let context = try await site.context(for: request)
        return site.renderer.response(Page(title: "Sign in", template: "sign-in", content: form, status: status), context: context)
    }
}
