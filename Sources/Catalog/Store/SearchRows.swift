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

    static func rows(for document: JSONValue) -> [SearchRow] {
        var rows: [SearchRow] = []
        visit(document, path: "", into: &rows)
        var seen = Set<SearchRow>()
        return rows.filter { seen.insert($0).inserted }
    }

    private static func visit(_ value: JSONValue, path: String, into rows: inout [SearchRow]) {
        if skippedRoots.contains(path) { return }
        switch value {
        case .object(let members):
            for (key, member) in members {
                visit(member, path: path.isEmpty ? key : "\(path).\(key)", into: &rows)
            }
        case .array(let items):
            for item in items {
                visit(item, path: path, into: &rows)
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
