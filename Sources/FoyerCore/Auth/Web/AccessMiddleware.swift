import Foundation
import HTTPTypes
import Hummingbird

/// Every request after the health routes passes here: it learns who is asking, keeps anonymous
/// visitors to the sign-in page (unless guests are allowed), checks the form token of
/// state-changing browser requests, and writes every write to the audit log with its outcome.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = FoyerRequestContext
    let authenticator: Authenticator

    /// Paths anyone may reach, signed in or not.
    static func isPublic(_ path: String) -> Bool {
        path == "/sign-in" || path.hasPrefix("/sign-in/") || path.hasPrefix("/assets/") || path == "/favicon.ico"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        let isWrite = ![.get, .head, .options].contains(request.method)
        let cookieToken = CSRFToken.valid(Cookies.value(CSRFToken.cookieName, in: request))
        context.csrfToken = cookieToken ?? CSRFToken.make()
        context.clientAddress = authenticator.settings.proxy.clientAddress(
            peer: context.remoteAddress, forwardedFor: request.headers[HTTPField.Name("X-Forwarded-For")!])
        var response: Response
        do {
            context.principal = try await authenticator.principal(for: request, address: context.remoteAddress)
            if isWrite, Self.needsFormToken(request, principal: context.principal) {
                try await CSRFToken.verify(&request, expected: cookieToken, limit: context.maxUploadSize)
            }
            if !Self.isPublic(request.uri.path),
               let refusal = AccessPolicy.refusal(context.principal, .read, guestsAllowed: authenticator.settings.allowGuests) {
                if !isWrite, !request.uri.path.hasPrefix("/api/") { return Self.toSignIn(from: request) }
                throw refusal
            }
            response = try await next(request, context)
        } catch {
            if isWrite { await record(request, context: context, status: Int(ErrorMiddleware.map(error).status.code)) }
            throw error
        }
        if isWrite { await record(request, context: context, status: Int(response.status.code)) }
        if cookieToken == nil {
            response.headers.append(HTTPField(name: .setCookie, value: CSRFToken.cookie(context.csrfToken, secure: SessionCookie.isSecure(request))))
        }
        return response
    }

    /// Whether a write must prove it comes from Foyer's own pages: when the browser's ambient
    /// credentials (session cookie, proxy identity) would authorise it, and for every page form
    /// (sign-in included). API calls with a token, or with no credentials at all, cannot be forged.
    static func needsFormToken(_ request: Request, principal: Principal?) -> Bool {
        guard principal?.source != .token else { return false }
        return principal != nil || !request.uri.path.hasPrefix("/api/")
    }

    /// A 303 to the sign-in page that comes back here afterwards.
    static func toSignIn(from request: Request) -> Response {
        let back = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        let escaped = back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
        return Response(status: .seeOther, headers: [.location: "/sign-in?back=" + escaped])
    }

    /// Appends the audit entry; a failure to write it is logged, never turned into the answer.
    private func record(_ request: Request, context: Context, status: Int) async {
        let entry = AuditEntry(
            id: SortableID.make(), at: .now(), actor: context.audit.actor ?? context.principal?.actor ?? "anonymous",
            role: context.principal?.role.rawValue, method: request.method.rawValue, path: String(request.uri.path.prefix(1000)),
            address: context.clientAddress, status: status, outcome: AuditEntry.Outcome(status: status), detail: context.audit.detail)
        do {
            try await authenticator.audit.append(entry)
        } catch {
            context.logger.error("could not write the audit log", metadata: ["error": "\(error)", "path": .string(entry.path)])
        }
    }
}
