import Foundation

/// Text made safe for HTML written in Swift (SVG, highlights); templates escape on their own.
enum HTMLText {
    /// Escapes the five characters that can end text or an attribute value.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// The URL when it is safe to follow from a page (http, https, mailto); nil for `javascript:` and the like.
    static func safeLink(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty, text.count <= 2048 else { return nil }
        let lowered = text.lowercased()
        guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://") || lowered.hasPrefix("mailto:") else { return nil }
        // Control characters and spaces inside a URL are how filters are smuggled past; refuse them.
        guard !text.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }) else { return nil }
        return text
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// Percent-encodes a value for a query string (RFC 3986 unreserved characters stay).
    static func queryEscape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// Where a form returns to: a path of this site, else the home page (never another host).
    static func localPath(_ back: String?) -> String {
        // Browsers drop tabs and line breaks from URLs and read `\` as `/`: refuse both, so `/\t/host` cannot become `//host`.
        guard let back, back.hasPrefix("/"), !back.hasPrefix("//"), back.count <= 500,
              !back.unicodeScalars.contains(where: { $0.value < 0x21 || $0 == "\\" || $0.value == 0x7F }) else { return "/" }
        return back
    }
}
