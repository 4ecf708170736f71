import Hummingbird

/// `/api/auth/tokens`: admins create, list and revoke API tokens.
struct TokenController: Sendable {
    let tokens: TokenStore

    struct CreateRequest: Decodable {
        let name: String
        let role: String
        let expiresAt: EpochMillis?
    }

    struct Created: Encodable {
        let token: APIToken
        /// Shown once; Foyer keeps only its hash.
        let secret: String
    }

    struct Listing: Encodable {
        let items: [APIToken]
    }

    func register(on router: Router<FoyerRequestContext>) {
        let group = router.group("api/auth/tokens")
        group.get { _, context -> Response in
            try context.authorize(.administer)
            return try JSONBody.response(Listing(items: try await tokens.list()))
        }
        group.post { request, context -> Response in
            try context.authorize(.administer)
            let body = try await context.decode(CreateRequest.self, from: request)
            let created = try await tokens.create(name: body.name, role: try Role.parse(body.role), expiresAt: body.expiresAt)
            return try JSONBody.response(Created(token: created.token, secret: created.secret), status: .created)
        }
        group.delete(":id") { _, context -> Response in
            try context.authorize(.administer)
            let id = try context.parameters.require("id")
            return try JSONBody.response(try await tokens.revoke(id: id))
        }
    }
}
