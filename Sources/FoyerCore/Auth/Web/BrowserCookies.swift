import HTTPTypes
import Hummingbird

/// The session cookie: the random secret of a server-side session, never readable by scripts.
public enum SessionCookie {
    public static let name = "foyer_session"

    /// Sets the session's secret for the session's whole absolute lifetime; `Secure` behind https.
    public static func set(_ secret: String, lifetime: SessionLifetime, secure: Bool) -> String {
        Cookies.set(name, secret, seconds: Int(lifetime.absolute.components.seconds), secure: secure)
    }

    public static func clear(secure: Bool) -> String { Cookies.set(name, "", seconds: 0, secure: secure) }

    /// Whether the browser reached Foyer over https (directly or through a proxy saying so).
    public static func isSecure(_ request: Request) -> Bool {
        request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
    }
}

/// Cross-site request forgery protection by double submission: each browser gets a random token in
/// an HTTP-only cookie, pages put it in their forms, and a state-changing request without an API
/// token must send the same value back (form field `csrf`, header `X-CSRF-Token`, or query `csrf`
/// for beacons). Another site can make the browser send the cookie but cannot read it.
public enum CSRFToken {
    public static let cookieName = "foyer_csrf"
    public static let fieldName = "csrf"
    public static let header = HTTPField.Name("X-CSRF-Token")!

    /// A new token: 32 random characters.
    public static func make() -> String { RandomToken.make(length: 32) }

    /// The cookie's token when it has the shape Foyer gives it; anything else is replaced.
    public static func valid(_ text: String?) -> String? {
        guard let text, text.utf8.count == 32, text.utf8.allSatisfy({ (48...57).contains($0) || (97...122).contains($0) }) else { return nil }
        return text
    }

    public static func cookie(_ token: String, secure: Bool) -> String {
        Cookies.set(cookieName, token, seconds: 365 * 86_400, secure: secure)
    }

    /// Checks the token `request` sends against `expected` (its cookie); throws 403 when it is
    /// missing or different. Form bodies are read within `limit` and stay readable by the handler.
    static func verify(_ request: inout Request, expected: String?, limit: Int) async throws {
        var sent = request.headers[header] ?? QueryParameters(request.uri.query).first(fieldName)
        if sent == nil, request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true {
            let body = try await request.collectBody(upTo: limit)
            sent = QueryParameters(String(buffer: body)).first(fieldName)
        }
        guard let expected, let sent, Authenticator.constantTimeEqual(sent, expected) else {
            throw FoyerError(.forbidden, "the form's security token is missing or out of date; reload the page and send it again")
        }
    }
}
