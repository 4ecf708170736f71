import Hummingbird
import Logging

/// Per-request state shared by middleware and handlers: who is asking, from where, and the body limit.
public struct FoyerRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The authenticated caller, or nil for an anonymous request.
    public var principal: Principal?
    /// The peer's IP address (the proxy's, behind one).
    public let remoteAddress: String?
    /// The browser's address: the peer's, or what the trusted proxy says (set by the access middleware).
    public var clientAddress: String?
    /// The form token of this browser, for pages to put in their forms.
    public var csrfToken = ""
    /// What the audit log should say about this request beyond its principal.
    public let audit = AuditNote()
    /// Set from configuration by `RequestObserverMiddleware` before any handler reads a body.
    public var maxUploadSize: Int = 2 << 20

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
        clientAddress = remoteAddress
    }

    /// The caller, who must be allowed `action` by the access policy: 401 without credentials, 403
    /// when they are not enough. (Reads by guests never get here: `AccessMiddleware` lets them
    /// through when `auth.allowGuests` is on, asking the same policy.)
    @discardableResult
    public func authorize(_ action: Action) throws(FoyerError) -> Principal {
        if let refusal = AccessPolicy.refusal(principal, action) { throw refusal }
        return principal!
    }

    /// As `authorize(_:)`, for actions on an entity: `owns` says whether a signed-in user owns it,
    /// and is asked only when the answer matters.
    @discardableResult
    public func authorize(_ action: Action, owns: (String) async throws -> Bool) async throws -> Principal {
        var isOwner = false
        if let principal, principal.role != .admin, let user = principal.user { isOwner = try await owns(user) }
        if let refusal = AccessPolicy.refusal(principal, action, isOwner: isOwner) { throw refusal }
        return principal!
    }

    /// The signed-in person's catalog user ref, if any.
    public var signedInUser: String? { principal?.user }

    /// Decodes a JSON body within the size limit; malformed JSON is a 400 naming the problem.
    public func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        var request = request
        let buffer = try await request.collectBody(upTo: maxUploadSize)
        return try JSONBody.decode(type, from: buffer)
    }
}
