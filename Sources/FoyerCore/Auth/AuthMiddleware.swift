import Hummingbird

/// Attaches the caller's `Principal` to the context; routes decide what it may do.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = FoyerRequestContext
    let authenticator: Authenticator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.principal = try await authenticator.principal(authorization: request.headers[.authorization])
        return try await next(request, context)
    }
}
