import FoyerCore

/// Writes an entity back as the YAML a descriptor file would hold, fields in the familiar order.
enum DescriptorYAML {
    static let leadingKeys = ["apiVersion", "kind", "metadata", "spec", "name", "namespace", "title", "description", "type", "lifecycle", "owner"]

    static func text(_ value: JSONValue) -> String {
        var output = ""
        write(value, indent: 0, into: &output)
        return output
    }

    private static func orderedKeys(_ members: [String: JSONValue]) -> [String] {
        let leading = leadingKeys.filter { members[$0] != nil }
        return leading + members.keys.filter { !leadingKeys.contains($0) }.sorted()
    }

    private static func write(_ value: JSONValue, indent: Int, into output: inout String) {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .object(let members) where !members.isEmpty:
            for key in orderedKeys(members) {
                let member = members[key]!
                output += pad + scalar(key) + ":"
                writeNested(member, indent: indent, into: &output)
            }
        case .array(let items) where !items.isEmpty:
            for item in items {
                output += pad + "-"
                if case .object(let members) = item, !members.isEmpty {
                    // The first key shares the dash's line, the rest align under it.
                    var nested = ""
                    write(item, indent: indent + 2, into: &nested)
                    output += " " + nested.dropFirst(indent + 2)
                } else {
                    writeNested(item, indent: indent, into: &output)
                }
            }
        default:
            output += pad + inline(value) + "\n"
        }
    }

    /// After `key:` or `-`: a scalar on the same line, a collection on the lines below.
    private static func writeNested(_ value: JSONValue, indent: Int, into output: inout String) {
        switch value {
        case .object(let members) where !members.isEmpty:
            output += "\n"
            write(value, indent: indent + 2, into: &output)
        case .array(let items) where !items.isEmpty:
            output += "\n"
            write(value, indent: indent + 2, into: &output)
        case .string(let text) where text.contains("\n") && !text.contains("\r") && !text.hasPrefix(" "):
            output += " |\(text.hasSuffix("\n") ? "" : "-")\n"
            let pad = String(repeating: " ", count: indent + 2)
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0) {
                output += (line.isEmpty ? "" : pad + line) + "\n"
            }
        default:
            output += " " + inline(value) + "\n"
        }
    }

    private static func inline(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .number: value.scalarText ?? "0"
        case .string(let text): scalar(text)
        case .array: "[]"
        case .object: "{}"
        }
    }

    static let reserved: Set<String> = ["true", "false", "null", "yes", "no", "on", "off", "~", "y", "n"]

    /// A string as plain YAML when it cannot be misread, otherwise double-quoted (JSON quoting is valid YAML).
    static func scalar(_ text: String) -> String {
        let plainCharacters = text.unicodeScalars.allSatisfy { scalar in
            (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_./@ ()+".unicodeScalars.contains(scalar)) && scalar.value < 0x2000
        }
        let looksNumeric = Double(text) != nil || text.first.map { "0123456789-+.".contains($0) } == true
        if !text.isEmpty, plainCharacters, !looksNumeric, !reserved.contains(text.lowercased()),
           text.first != " ", text.last != " ", !text.hasPrefix("- ") {
            return text
        }
        return JSONValue.string(text).jsonText()
    }
}
