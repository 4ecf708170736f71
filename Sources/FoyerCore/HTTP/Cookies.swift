import Foundation
import Hummingbird

/// Reading and writing the few cookies Foyer's pages keep (who you are, what you visited).
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
        "\(name)=\(value); Path=/; Max-Age=\(days * 86_400); HttpOnly; SameSite=Lax"
    }
}

/// Who the request says is signed in: the `foyer_user` cookie the portal's sign-in sets, holding a
/// user entity ref. A claim, not proof, until accounts and sessions exist.
public enum SignedInUser {
    public static let cookieName = "foyer_user"

    public static func claimed(in request: Request) -> String? {
        Cookies.value(cookieName, in: request).flatMap { $0.removingPercentEncoding }
    }
}
