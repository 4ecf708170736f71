import Hummingbird
import Logging

/// Per-request state shared by middleware and handlers: who is asking and the body limit.
public struct FoyerRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The authenticated caller, or nil for an anonymous request.
    public var principal: Principal?
    /// Set from configuration by `RequestObserverMiddleware` before any handler reads a body.
    public var maxUploadSize: Int = 2 << 20

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// The caller, who must hold at least `role`: 401 when anonymous, 403 when the role is too low.
    public func require(_ role: Role) throws(FoyerError) -> Principal {
        guard let principal else {
            throw FoyerError(.unauthorized, "this request needs an API token (Authorization: Bearer …)")
        }
        guard principal.role >= role else {
            throw FoyerError(.forbidden, "this request needs the \(role.rawValue) role; the token has \(principal.role.rawValue)")
        }
        return principal
    }

    /// Decodes a JSON body within the size limit; malformed JSON is a 400 naming the problem.
    public func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        var request = request
        let buffer = try await request.collectBody(upTo: maxUploadSize)
        return try JSONBody.decode(type, from: buffer)
    }
}
