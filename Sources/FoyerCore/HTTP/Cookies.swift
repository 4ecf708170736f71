import Foundation
import Hummingbird

/// Reading and writing the few cookies Foyer's pages keep (the session, the form token, what you visited).
public enum Cookies {
    /// The value of cookie `name` in the request, if present.
    public static func value(_ name: String, in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                    return String(parts[1]).trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }

    /// A `Set-Cookie` value: HTTP-only, same-site, for the whole portal, kept `days` days (0 deletes it).
    public static func set(_ name: String, _ value: String, days: Int = 365) -> String {
        set(name, value, seconds: days * 86_400, secure: false)
    }

    /// As `set(_:_:days:)`, kept `seconds` seconds, and `Secure` (sent over https only) when asked.
    public static func set(_ name: String, _ value: String, seconds: Int, secure: Bool) -> String {
        "\(name)=\(value); Path=/; Max-Age=\(seconds); HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "")
    }
}
