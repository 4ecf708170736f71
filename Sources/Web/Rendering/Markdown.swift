import Foundation

/// A small, safe Markdown renderer for descriptor content (learning steps): headings, paragraphs,
/// lists, fenced code, inline code, bold, italic and links. Every character of the source is
/// escaped; raw HTML is shown as text, and only http(s), mailto and site paths become links.
enum Markdown {
    static func html(_ source: String) -> String {
        var blocks = BlockWriter()
        var lines = source.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)[...]
        while let line = lines.popFirst() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") {
                blocks.flush()
                var code: [Substring] = []
                while let next = lines.popFirst(), !next.trimmingCharacters(in: .whitespaces).hasPrefix("```") { code.append(next) }
                blocks.output += "<pre><code>\(HTMLText.escape(code.joined(separator: "\n")))</code></pre>\n"
            } else if trimmed.isEmpty {
                blocks.flush()
            } else if let (level, text) = heading(trimmed) {
                blocks.flush()
                // Pages already use h1 and h2; a step's headings start at h3.
                let tag = "h\(min(level + 2, 6))"
                blocks.output += "<\(tag)>\(inline(text[...]))</\(tag)>\n"
            } else if let (ordered, text) = listItem(trimmed) {
                blocks.startItem(text, ordered: ordered)
            } else if blocks.inList, line.hasPrefix("  ") {
                blocks.continueItem(trimmed)
            } else {
                blocks.addParagraphLine(trimmed)
            }
        }
        blocks.flush()
        return blocks.output
    }

    /// Collects paragraphs and list items until a block ends.
    private struct BlockWriter {
        var output = ""
        var paragraph: [String] = []
        var items: [String] = []
        var ordered = false
        var inList: Bool { !items.isEmpty }

        mutating func flush() {
            if !paragraph.isEmpty {
                output += "<p>\(Markdown.inline(paragraph.joined(separator: " ")[...]))</p>\n"
                paragraph = []
            }
            if !items.isEmpty {
                let tag = ordered ? "ol" : "ul"
                output += "<\(tag)>" + items.map { "<li>\(Markdown.inline($0[...]))</li>" }.joined() + "</\(tag)>\n"
                items = []
            }
        }

        mutating func startItem(_ text: String, ordered: Bool) {
            if !paragraph.isEmpty || (inList && self.ordered != ordered) { flush() }
            self.ordered = ordered
            items.append(text)
        }

        mutating func continueItem(_ text: String) { items[items.count - 1] += " " + text }

        mutating func addParagraphLine(_ text: String) {
            if inList { flush() }
            paragraph.append(text)
        }
    }

    private static func heading(_ line: String) -> (Int, String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return (hashes, line.dropFirst(hashes).trimmingCharacters(in: .whitespaces))
    }

    private static func listItem(_ line: String) -> (ordered: Bool, text: String)? {
        if line.hasPrefix("- ") || line.hasPrefix("* ") { return (false, String(line.dropFirst(2))) }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 3, line.dropFirst(digits.count).hasPrefix(". ") {
            return (true, String(line.dropFirst(digits.count + 2)))
        }
        return nil
    }

    /// Inline spans: `code`, [links](url), **bold**, *italic*; everything else escaped.
    static func inline(_ text: Substring) -> String {
        var output = ""
        var index = text.startIndex
        while index < text.endIndex {
            let rest = text[index...]
            if rest.hasPrefix("`"), let close = rest.dropFirst().firstIndex(of: "`") {
                output += "<code>\(HTMLText.escape(String(text[text.index(after: index)..<close])))</code>"
                index = text.index(after: close)
            } else if rest.hasPrefix("["), let link = link(rest) {
                output += link.html
                index = link.end
            } else if rest.hasPrefix("**"), let close = rest.dropFirst(2).range(of: "**"), !close.isEmpty, close.lowerBound > text.index(index, offsetBy: 2) {
                output += "<strong>\(inline(text[text.index(index, offsetBy: 2)..<close.lowerBound]))</strong>"
                index = close.upperBound
            } else if rest.hasPrefix("*"), !rest.hasPrefix("* "), let close = rest.dropFirst().firstIndex(of: "*"), close > text.index(after: index) {
                output += "<em>\(inline(text[text.index(after: index)..<close]))</em>"
                index = text.index(after: close)
            } else {
                output += HTMLText.escape(String(text[index]))
                index = text.index(after: index)
            }
        }
        return output
    }

    /// `[label](url)` at the start of `text`: a link when the URL is safe, else the label as text.
    private static func link(_ text: Substring) -> (html: String, end: Substring.Index)? {
        guard let closeBracket = text.firstIndex(of: "]"), text[text.index(after: closeBracket)...].hasPrefix("("),
              let closeParen = text[closeBracket...].firstIndex(of: ")") else { return nil }
        let label = text[text.index(after: text.startIndex)..<closeBracket]
        let url = String(text[text.index(closeBracket, offsetBy: 2)..<closeParen]).trimmingCharacters(in: .whitespaces)
        let end = text.index(after: closeParen)
        guard let safe = safeURL(url) else { return (inline(label), end) }
        let external = safe.hasPrefix("/") ? "" : #" rel="noopener noreferrer""#
        return ("<a href=\"\(HTMLText.escape(safe))\"\(external)>\(inline(label))</a>", end)
    }

    /// Site paths (`/catalog`, not `//host`) and the links `HTMLText.safeLink` allows.
    static func safeURL(_ url: String) -> String? {
        if url.hasPrefix("/"), !url.hasPrefix("//"), !url.contains("\\"),
           !url.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }) { return url }
        return HTMLText.safeLink(url)
    }
}
