import FoyerCore

/// One row of the filter index: a lowercased dotted key and value, plus the value as written.
struct SearchRow: Hashable, Sendable {
    let key: String
    let value: String?
    let originalValue: String?
}

/// Flattens an entity into filter-index rows the way Backstage does: scalars by dotted path, arrays
/// of strings also as `path.item = true`, keys and values lowercased, long keys left out and long
/// values kept as a row without a value.
enum SearchRows {
    static let maxKeyLength = 200
    static let maxValueLength = 200
    static let skippedRoots: Set<String> = ["relations", "status", "attachments"]

    /// Every row of `document`; with `prefixes`, only the rows under them, for matching a few filter
    /// keys without flattening it all; `unique: false` skips removing repeated rows, for readers that
    /// do not mind them.
    static func rows(for document: JSONValue, within prefixes: KeyPrefixes? = nil, unique: Bool = true) -> [SearchRow] {
        var rows: [SearchRow] = []
        guard case .object(let members) = document else { return rows }
        let wanted = prefixes.map { $0.members[""] ?? [] }
        for (key, member) in members where !skippedRoots.contains(key) {
            let lowered = key.lowercasedIfNeeded()
            if let wanted, !wanted.contains(lowered) { continue }
            visit(member, key: lowered, within: prefixes, into: &rows)
        }
        return unique ? rows.removingRepeats() : rows
    }

    /// `key`: the dotted path to `value`, lowercased, built once per member. Lowering each part is
    /// the same as lowering the whole path: Swift lowercases scalar by scalar, without context.
    private static func visit(_ value: JSONValue, key: String, within prefixes: KeyPrefixes?, into rows: inout [SearchRow]) {
        switch value {
        case .object(let members):
            let wanted = prefixes.map { $0.members[key] ?? [] }
            for (member, memberValue) in members {
                let loweredMember = member.lowercasedIfNeeded()
                if let wanted, !wanted.contains(loweredMember) { continue }
                visit(memberValue, key: key + "." + loweredMember, within: prefixes, into: &rows)
            }
        case .array(let items):
            for item in items {
                visit(item, key: key, within: prefixes, into: &rows)
                if case .string(let text) = item {
                    add(key: key + "." + text.lowercasedIfNeeded(), value: .bool(true), into: &rows)
                }
            }
        default:
            add(key: key, value: value, into: &rows)
        }
    }

    private static func add(key: String, value: JSONValue, into rows: inout [SearchRow]) {
        // Counting bytes first: within the limit in bytes means within it in characters, without walking them.
        guard !key.isEmpty, key.utf8.count <= maxKeyLength || key.count <= maxKeyLength else { return }
        let text = value.scalarText
        // As Backstage: a long value keeps its row without a value, so `key` alone still finds it.
        if let text, text.utf8.count > maxValueLength, text.count > maxValueLength {
            rows.append(SearchRow(key: key, value: nil, originalValue: nil))
            return
        }
        rows.append(SearchRow(key: key, value: text?.lowercasedIfNeeded(), originalValue: text))
    }
}

/// The filter keys some filters use, as every dotted prefix of each (lowercased), for flattening
/// only what they look at.
struct KeyPrefixes: Sendable {
    /// Every prefix, e.g. `spec`, `spec.type`.
    let paths: Set<String>
    /// Path → the member keys under it that lead to a wanted key, for every way of splitting a
    /// prefix (a key may hold dots): tested without building the member's path.
    let members: [String: Set<String>]

    init(keys: some Sequence<String>) {
        var paths = Set<String>()
        var members: [String: Set<String>] = [:]
        for key in keys {
            let parts = key.lowercased().split(separator: ".", omittingEmptySubsequences: false)
            for end in parts.indices {
                paths.insert(parts[...end].joined(separator: "."))
                for start in 0...end {
                    members[parts[..<start].joined(separator: "."), default: []].insert(parts[start...end].joined(separator: "."))
                }
            }
        }
        self.paths = paths
        self.members = members
    }
}
