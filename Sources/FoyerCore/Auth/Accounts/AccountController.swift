import Hummingbird

/// `/api/auth/accounts` (admins manage accounts) and `/api/auth/me` (who the caller is).
struct AccountController: Sendable {
    let authenticator: Authenticator

    struct CreateRequest: Decodable {
        let username: String
        let email: String?
        let password: String
        let role: String?
    }

    struct UpdateRequest: Decodable {
        let role: String?
        let password: String?
        let disabled: Bool?
    }

    func register(on router: Router<FoyerRequestContext>) {
        let manager = AccountManager(authenticator: authenticator)
        let group = router.group("api/auth/accounts")
        group.get { _, context -> Response in
            try context.authorize(.administer)
            return JSONBody.response(.object(["items": .array(try await authenticator.accounts.all().map(Self.json))]))
        }
        group.post { request, context -> Response in
            try context.authorize(.administer)
            let body = try await context.decode(CreateRequest.self, from: request)
            let role = try body.role.map(Role.parse) ?? .viewer
            context.audit.record(detail: "create \(body.username.prefix(64)) as \(role.rawValue)")
            let account = try await manager.create(username: body.username, email: body.email, password: body.password, role: role)
            return JSONBody.response(Self.json(account), status: .created)
        }
        group.patch(":id") { request, context -> Response in
            let admin = try context.authorize(.administer)
            let id = try context.parameters.require("id")
            let body = try await context.decode(UpdateRequest.self, from: request)
            let role = try body.role.map(Role.parse)
            context.audit.record(detail: AccountManager.describe(role: role, password: body.password, disabled: body.disabled))
            let account = try await manager.update(id: id, role: role, password: body.password, disabled: body.disabled, by: admin)
            return JSONBody.response(Self.json(account))
        }
        router.get("api/auth/me") { _, context -> Response in
            guard let principal = context.principal else { throw AccessPolicy.refusal(nil, .read)! }
            var members: [String: JSONValue] = ["name": .string(principal.name), "role": .string(principal.role.rawValue),
                                                "source": .string(principal.source.rawValue)]
            if let user = principal.user { members["user"] = .string(user) }
            return JSONBody.response(.object(members))
        }
    }

    /// An account as the API shows it: never its password hash.
    static func json(_ account: Account) -> JSONValue {
        var members: [String: JSONValue] = [
            "id": .string(account.id), "username": .string(account.username), "role": .string(account.role.rawValue),
            "origin": .string(account.origin.rawValue), "createdAt": .string(account.createdAt.iso8601),
            "disabled": .bool(account.isDisabled),
        ]
        if let email = account.email { members["email"] = .string(email) }
        if let user = account.userRef { members["user"] = .string(user) }
        return .object(members)
    }
}
