import Hummingbird
import Logging

/// Turns every error a handler throws into Foyer's JSON error body with the matching status, or,
/// for a browser asking for a page outside `/api`, into the error page a module renders.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = FoyerRequestContext
    /// The HTML page for an error on a path, if a module renders one.
    var page: @Sendable (FoyerError, String) -> Response? = { _, _ in nil }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let foyerError = Self.map(error)
            if foyerError.status.code >= 500 {
                context.logger.error("request failed", metadata: ["error": "\(error)"])
            }
            if Self.wantsPage(request), let response = page(foyerError, request.uri.path) {
                return response
            }
            return try ErrorBody.response(for: foyerError, request: request)
        }
    }

    /// A browser navigating to a page: it accepts HTML and the path is not an API's.
    static func wantsPage(_ request: Request) -> Bool {
        let path = request.uri.path
        guard !path.hasPrefix("/api/"), path != "/api", request.method == .get || request.method == .head || request.method == .post else { return false }
        return request.headers[values: .accept].contains { $0.contains("text/html") }
    }

    /// Maps framework and decoding errors onto `FoyerError`; unknown errors become a 500 that hides details.
    static func map(_ error: any Error) -> FoyerError {
        switch error {
        case let foyerError as FoyerError:
            return foyerError
        case let httpError as HTTPError:
            switch httpError.status {
            case .notFound: return .notFound(httpError.body ?? "no such route")
            case .contentTooLarge: return FoyerError(.payloadTooLarge, "request body is larger than the configured limit")
            case .badRequest: return .badRequest(httpError.body ?? "bad request")
            case .unauthorized: return FoyerError(.unauthorized, httpError.body ?? "authentication required")
            case .forbidden: return FoyerError(.forbidden, httpError.body ?? "not allowed")
            case .methodNotAllowed: return FoyerError(.notFound, "method not allowed on this route")
            default: return FoyerError(.internalError, httpError.body ?? httpError.status.reasonPhrase)
            }
        default:
            return FoyerError(.internalError, "internal error")
        }
    }
}

/// The wire shape of errors, as Backstage answers:
/// `{"error":{"name","message"},"request":{"method","url"},"response":{"statusCode"}}`.
public struct ErrorBody: Codable, Sendable {
    public struct Detail: Codable, Sendable {
        public let name: String
        public let message: String
    }

    public struct RequestInfo: Codable, Sendable {
        public let method: String
        public let url: String
    }

    public struct ResponseInfo: Codable, Sendable {
        public let statusCode: Int
    }

    public let error: Detail
    public let request: RequestInfo?
    public let response: ResponseInfo

    public static func response(for error: FoyerError, request: Request? = nil) throws -> Response {
        let body = ErrorBody(
            error: .init(name: error.kind.rawValue, message: error.message),
            request: request.map { RequestInfo(method: $0.method.rawValue, url: $0.uri.description) },
            response: .init(statusCode: Int(error.status.code)))
        return try JSONBody.response(body, status: error.status)
    }
}
