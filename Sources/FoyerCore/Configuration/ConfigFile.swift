import Foundation
import Yams

/// The optional YAML config file: a flat mapping of setting keys to values, unknown keys refused.
public struct ConfigFile: Sendable {
    public let path: String
    /// Raw values by key; list settings may hold several.
    public let values: [String: [String]]

    /// The largest config file read, so a wrong path to a huge file fails fast.
    static let maxSize = 1 << 20

    public static func load(path: String) throws(FoyerError) -> ConfigFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .configuration("config file \(path) cannot be read")
        }
        guard data.count <= maxSize else {
            throw .configuration("config file \(path) is larger than \(maxSize) bytes")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .configuration("config file \(path) is not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws(FoyerError) -> ConfigFile {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw .configuration("config file \(path): \(describe(error))")
        } catch {
            throw .configuration("config file \(path): \(error)")
        }
        guard let root else { return ConfigFile(path: path, values: [:]) }
        guard let mapping = root.mapping else {
            throw .configuration("config file \(path):\(line(of: root)): expected a mapping of setting names to values")
        }
        // `auth.allowGuests` is also known as `authAllowGuests`, which `auth: {allowGuests: …}` flattens to.
        var known = Dictionary(uniqueKeysWithValues: Setting.all.map { ($0.key, $0) })
        for setting in Setting.all where setting.key.contains(".") {
            let parts = setting.key.split(separator: ".")
            known[String(parts[0]) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()] = setting
        }
        // And the other way round: `adoptionNewUserDays` is also `adoption.newUserDays`, as the specs write it.
        for setting in Setting.all {
            for module in Self.modulePrefixes where setting.key.hasPrefix(module) && setting.key.count > module.count {
                let rest = setting.key.dropFirst(module.count)
                guard rest.first?.isUppercase == true else { continue }
                known[module + "." + rest.prefix(1).lowercased() + rest.dropFirst()] = setting
            }
        }
        var values: [String: [String]] = [:]
        for (keyNode, valueNode) in flattened(mapping) {
            guard let key = keyNode.string, let setting = known[key] else {
                let name = keyNode.string ?? "?"
                throw .configuration("config file \(path):\(line(of: keyNode)): unknown key '\(name)' (known keys: \(Setting.all.map(\.key).joined(separator: ", ")))")
            }
            values[setting.key] = try scalars(of: valueNode, setting: setting, path: path)
        }
        return ConfigFile(path: path, values: values)
    }

    /// The modules whose settings are grouped under their name (`catalog.allowedHosts`).
    static let modulePrefixes = ["catalog", "insights", "adoption", "feedback"]

    /// `catalog: {allowedHosts: […]}` is read as `catalogAllowedHosts`; a list or scalar stays as it is.
    private static func flattened(_ mapping: Node.Mapping) -> [(Node, Node)] {
        var pairs: [(Node, Node)] = []
        for (keyNode, valueNode) in mapping {
            guard let prefix = keyNode.string, let nested = valueNode.mapping else {
                pairs.append((keyNode, valueNode))
                continue
            }
            for (subKey, subValue) in nested {
                let name = subKey.string.map { prefix + $0.prefix(1).uppercased() + $0.dropFirst() } ?? prefix
                pairs.append((Node.scalar(.init(name, .implicit, .plain, subKey.mark)), subValue))
            }
        }
        return pairs
    }

    private static func scalars(of node: Node, setting: Setting, path: String) throws(FoyerError) -> [String] {
        if let scalar = node.scalar { return [scalar.string] }
        if setting.isList, let sequence = node.sequence {
            var items: [String] = []
            for item in sequence {
                guard let scalar = item.scalar else {
                    throw .configuration("config file \(path):\(line(of: item)): '\(setting.key)' items must be plain values")
                }
                items.append(scalar.string)
            }
            return items
        }
        throw .configuration("config file \(path):\(line(of: node)): '\(setting.key)' must be a plain value\(setting.isList ? " or a list" : "")")
    }

    private static func line(of node: Node) -> Int { (node.mark?.line ?? 0) }

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            "line \(mark.line): \(problem)"
        default:
            "\(error)".split(separator: "\n").first.map(String.init) ?? "malformed YAML"
        }
    }
}
