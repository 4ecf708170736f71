import HTTPTypes

/// Headers every answer carries: scripts and styles only from Foyer itself (no inline script can
/// run, whatever text slipped into a page), no framing, no type sniffing, no referrer to other sites.
public enum SecurityHeaders {
    public static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    static let fields: [(HTTPField.Name, String)] = [
        (.contentSecurityPolicy, contentSecurityPolicy),
        (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
        (HTTPField.Name("Referrer-Policy")!, "same-origin"),
        (HTTPField.Name("X-Frame-Options")!, "DENY"),
    ]

    /// Adds each header the answer does not set itself.
    public static func apply(to headers: inout HTTPFields) {
        for (name, value) in fields where headers[name] == nil { headers[name] = value }
    }
}
