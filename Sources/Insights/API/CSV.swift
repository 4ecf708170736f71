import Foundation
import Hummingbird
import NIOCore

/// Comma-separated values as RFC 4180 writes them, for every KPI's `format=csv`.
public enum CSV {
    public static func text(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// Quotes a field holding a comma, quote or line break; leading `=`, `+`, `-`, `@` are prefixed with
    /// a quote mark so a spreadsheet never runs a search term as a formula.
    public static func field(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@\t\r".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public static func response(_ text: String, name: String) -> Response {
        // The name may come from a URL: only plain characters reach the header.
        var safe = String.UnicodeScalarView()
        safe.append(contentsOf: name.unicodeScalars.filter { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) }.prefix(100))
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(String(safe)).csv\""],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

