import Foundation
import Hummingbird

/// Reading and writing the few cookies Foyer's pages keep (who you are, what you visited).
enum Cookies {
    /// The value of cookie `name` in the request, if present.
    static func value(_ name: String, in request: Request) -> String? {
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
    static func set(_ name: String, _ value: String, days: Int = 365) -> String {
        "\(name)=\(value); Path=/; Max-Age=\(days * 86_400); HttpOnly; SameSite=Lax"
    }
}
