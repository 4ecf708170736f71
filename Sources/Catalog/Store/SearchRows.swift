import FoyerCore

/// One row of the filter index: a lowercased dotted key and value, plus the value as written.
struct SearchRow: Hashable, Sendable {
    let key: String
    let value: String?
    let originalValue: String?
}

/// Flattens an entity into filter-index rows the way Backstage does: scalars by dotted path, arrays
/// of strings also as `path.item = true`, keys and values lowercased, long ones left out.
enum SearchRows {
    static let maxKeyLength = 200
    static let maxValueLength = 200
    static let skippedRoots: Set<String> = ["relations", "status", "attachments"]

    /// Every row of `document`; with `prefixes` (lowercased dotted paths, every prefix of the keys
    /// wanted), only the rows under them, for matching a few filter keys without flattening it all;
    /// `unique: false` skips removing repeated rows, for readers that do not mind them.
    static func rows(for document: JSONValue, within prefixes: Set<String>? = nil, unique: Bool = true) -> [SearchRow] {
        var rows: [SearchRow] = []
        visit(document, path: "", within: prefixes, into: &rows)
        guard unique else { return rows }
        var seen = Set<SearchRow>()
        return rows.filter { seen.insert($0).inserted }
    }

    /// The set `rows(for:within:)` wants for `keys`: each key and every dotted prefix of it.
    static func prefixes(of keys: some Sequence<String>) -> Set<String> {
        var prefixes = Set<String>()
        for key in keys {
            var path = ""
            for part in key.lowercased().split(separator: ".", omittingEmptySubsequences: false) {
                path = path.isEmpty ? String(part) : "\(path).\(part)"
                prefixes.insert(path)
            }
        }
        return prefixes
    }

    private static func visit(_ value: JSONValue, path: String, within prefixes: Set<String>?, into rows: inout [SearchRow]) {
        if skippedRoots.contains(path) { return }
        switch value {
        case .object(let members):
            for (key, member) in members {
                let child = path.isEmpty ? key : "\(path).\(key)"
                if let prefixes, !prefixes.contains(child.lowercased()) { continue }
                visit(member, path: child, within: prefixes, into: &rows)
            }
        case .array(let items):
            for item in items {
                visit(item, path: path, within: prefixes, into: &rows)
                if case .string(let text) = item {
                    add(key: "\(path).\(text)", value: .bool(true), into: &rows)
                }
            }
        default:
            add(key: path, value: value, into: &rows)
        }
    }

    private static func add(key: String, value: JSONValue, into rows: inout [SearchRow]) {
        guard !key.isEmpty, key.count <= maxKeyLength else { return }
        let text = value.scalarText
        if let text, text.count > maxValueLength { return }
        rows.append(SearchRow(key: key.lowercased(), value: text?.lowercased(), originalValue: text))
    }
}
