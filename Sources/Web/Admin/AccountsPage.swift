import FoyerCore
import Hummingbird

/// `GET|POST /admin/accounts`: admins list accounts, create local ones, and change a role or
/// disable an account (which ends its sessions). Every action asks the access policy.
struct AccountsPage: Sendable {
    let site: Site
    let authenticator: Authenticator

    struct Row {
        let id: String
        let username: String
        let email: String
        let user: String
        let origin: String
        let disabled: Bool
        let roles: [SelectOption]
    }

    struct Listing {
        let accounts: [Row]
        let notice: String?
        let error: String?
        let username: String
        let email: String
        let roles: [SelectOption]
    }

    func register(on router: Router<FoyerRequestContext>) {
        let manager = AccountManager(authenticator: authenticator)
        router.get("admin/accounts") { request, context in
            try context.authorize(.administer)
            // The notice names a stored account by id, so a crafted link cannot put words in the page's mouth.
            let parameters = QueryParameters(request.uri.query)
            var notice: String?
            for (parameter, verb) in [("created", "Created"), ("saved", "Saved")] {
                if let id = parameters.first(parameter), let account = try await authenticator.accounts.find(id: id) { notice = "\(verb) \(account.username)." }
            }
            return try await page(request, context, notice: notice, error: nil, status: .ok)
        }
        router.post("admin/accounts") { request, context in
            try context.authorize(.administer)
            let fields = try await FormBody.read(request, context: context)
            let username = fields.first("username") ?? "", email = fields.first("email")
            do {
                let role = try Role.parse(fields.first("role") ?? "viewer")
                context.audit.record(detail: "create \(username.prefix(64)) as \(role.rawValue)")
                let account = try await manager.create(username: username, email: email, password: fields.first("password") ?? "", role: role)
                return PageRenderer.redirect(to: "/admin/accounts?created=" + HTMLText.queryEscape(account.id))
            } catch let error as FoyerError where error.status.code < 500 {
                return try await page(request, context, notice: nil, error: error.message, username: username, email: email ?? "", status: error.status)
            }
        }
        router.post("admin/accounts/:id") { request, context in
            let admin = try context.authorize(.administer)
            let id = try context.parameters.require("id")
            let fields = try await FormBody.read(request, context: context)
            let role = try fields.first("role").map(Role.parse)
            let disabled = fields.first("disabled").map { $0 == "true" }
            context.audit.record(detail: AccountManager.describe(role: role, password: nil, disabled: disabled))
            do {
                let account = try await manager.update(id: id, role: role, disabled: disabled, by: admin)
                return PageRenderer.redirect(to: "/admin/accounts?saved=" + HTMLText.queryEscape(account.id))
            } catch let error as FoyerError where error.status == .conflict {
                return try await page(request, context, notice: nil, error: error.message, status: .conflict)
            }
        }
    }

    private func page(_ request: Request, _ caller: FoyerRequestContext, notice: String?, error: String?, username: String = "", email: String = "",
                      status: HTTPResponse.Status) async throws -> Response {
        let rows = try await authenticator.accounts.all().map { account in
            Row(id: account.id, username: account.username, email: account.email ?? "—", user: account.userRef ?? "—",
                origin: account.origin.rawValue, disabled: account.isDisabled, roles: Self.roles(selected: account.role))
        }
        let listing = Listing(accounts: rows, notice: notice, error: error, username: username, email: email, roles: Self.roles(selected: .viewer))
        let context = try await site.context(for: request, caller)
        return site.renderer.response(Page(title: "Accounts", template: "admin-accounts", content: listing, status: status), context: context)
    }

    static func roles(selected: Role) -> [SelectOption] {
        SelectOption.list(Role.allCases.map(\.rawValue), selected: selected.rawValue)
    }
}
