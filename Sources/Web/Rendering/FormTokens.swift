import FoyerCore

/// Puts the browser's form token into every form a page posts, so no template can forget it.
/// Only Foyer's own markup is scanned: user text reaches pages escaped, so it never holds `<form`.
enum FormTokens {
    /// `html` with `<input type="hidden" name="csrf" value="…">` opening every `method="post"` form.
    static func insert(into html: String, token: String) -> String {
        guard let token = CSRFToken.valid(token) else { return html }
        let field = "<input type=\"hidden\" name=\"csrf\" value=\"\(token)\">"
        var result = ""
        result.reserveCapacity(html.utf8.count + 512)
        var rest = html[...]
        while let start = rest.range(of: "<form") {
            guard let end = rest[start.upperBound...].firstIndex(of: ">") else { break }
            let tag = rest[start.lowerBound...end]
            result += rest[..<rest.index(after: end)]
            if tag.lowercased().contains("method=\"post\"") { result += field }
            rest = rest[rest.index(after: end)...]
        }
        result += rest
        return result
    }
}
