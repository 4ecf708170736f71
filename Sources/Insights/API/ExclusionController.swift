import Foundation
import FoyerCore
import Hummingbird

/// `GET /api/insights/excluded-users`, `PUT|DELETE /api/insights/excluded-users/{userRef}` (admin only).
struct ExclusionController: Sendable {
    let exclusions: ExclusionStore

    func register(on router: Router<FoyerRequestContext>) {
        let group = router.group("api/insights/excluded-users")
        group.get { _, context in
            try context.authorize(.administer)
            return try JSONBody.response(["items": try await exclusions.all()])
        }
        // A ref's `/` may arrive unencoded (`…/user:default/jane`): the route then takes two segments.
        for path in [":user", ":user/:name"] {
            group.put(RouterPath(path)) { request, context in
                try await exclude(request, context)
            }
            group.delete(RouterPath(path)) { _, context in
                try await include(context)
            }
        }
    }

    private func exclude(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        try context.authorize(.administer)
        let user = try Self.user(context)
        struct Body: Decodable { let reason: String }
        let body = try await context.decode(Body.self, from: request)
        guard (1...500).contains(body.reason.count) else { throw FoyerError.badRequest("reason must be 1 to 500 characters") }
        try await exclusions.exclude(user, reason: body.reason)
        return Response(status: .noContent)
    }

    private func include(_ context: FoyerRequestContext) async throws -> Response {
        try context.authorize(.administer)
        let user = try Self.user(context)
        guard try await exclusions.include(user) else { throw FoyerError.notFound("\(user) is not excluded") }
        return Response(status: .noContent)
    }

    static func user(_ context: FoyerRequestContext) throws -> String {
        let first = try context.parameters.require("user")
        let text = context.parameters.get("name").map { "\(first)/\($0)" } ?? first
        guard let user = EventValidator.normalisedUser(text.removingPercentEncoding ?? text) else {
            throw FoyerError.badRequest("'\(text.prefix(100))' is not a user entity ref such as user:default/jane")
        }
        return user
    }
}

