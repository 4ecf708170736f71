import Foundation
import FoyerCore
import Yams

/// Backstage's `$text`, `$json` and `$yaml` placeholders, resolved from files next to the descriptor.
///
/// Only files inside `root` (the registered location's folder) are read, and never remote URLs:
/// a descriptor must not make the server read arbitrary files or fetch from the network.
/// Both sides are compared with symlinks resolved, so a link inside the folder cannot lead out.
public struct PlaceholderResolver: Sendable {
    public let root: String
    public let maxFileBytes: Int

    public init(root: String, maxFileBytes: Int = DescriptorLimits.standard.maxFileBytes) {
        self.root = LocationAccessPolicy.realPath(root)
        self.maxFileBytes = maxFileBytes
    }

    static let keys: Set<String> = ["$text", "$json", "$yaml"]

    /// `value` with every placeholder replaced, and a problem for each that could not be.
    public func resolve(_ value: JSONValue, descriptorFile: String) -> (JSONValue, [FieldProblem]) {
        // Most documents hold none: they come back as they are, with no copy made and no path built.
        guard Self.holdsPlaceholder(value) else { return (value, []) }
        var problems: [FieldProblem] = []
        let resolved = resolve(value, path: "", folder: (descriptorFile as NSString).deletingLastPathComponent, problems: &problems)
        return (resolved, problems)
    }

    /// Whether `value` is, or holds, an object whose one member is a placeholder.
    static func holdsPlaceholder(_ value: JSONValue) -> Bool {
        switch value {
        case .object(let members): isPlaceholder(members) || members.values.contains(where: holdsPlaceholder)
        case .array(let items): items.contains(where: holdsPlaceholder)
        default: false
        }
    }

    private static func isPlaceholder(_ members: [String: JSONValue]) -> Bool {
        members.count == 1 && members.keys.first.map(keys.contains) == true
    }

    private func resolve(_ value: JSONValue, path: String, folder: String, problems: inout [FieldProblem]) -> JSONValue {
        switch value {
        case .object(let members):
            if Self.isPlaceholder(members), let (key, argument) = members.first {
                do {
                    return try substitute(key, argument, folder: folder)
                } catch {
                    problems.append(FieldProblem(path, error.message))
                    return value
                }
            }
            var result: [String: JSONValue] = [:]
            for (key, member) in members {
                result[key] = resolve(member, path: path.isEmpty ? key : "\(path).\(key)", folder: folder, problems: &problems)
            }
            return .object(result)
        case .array(let items):
            return .array(items.enumerated().map { resolve($1, path: "\(path)[\($0)]", folder: folder, problems: &problems) })
        default:
            return value
        }
    }

    private func substitute(_ key: String, _ argument: JSONValue, folder: String) throws(FoyerError) -> JSONValue {
        guard let target = argument.stringValue, !target.isEmpty else {
            throw .badRequest("\(key) needs a file path")
        }
        guard !target.contains("://") else {
            throw .badRequest("\(key) \(target): remote placeholders are not fetched; keep the file next to the descriptor")
        }
        let file = LocationAccessPolicy.realPath(FileTargets.absolute(target, relativeTo: folder))
        guard file == root || file.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            throw .badRequest("\(key) \(target): placeholders may only read files inside \(root)")
        }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file), let size = attributes[.size] as? Int,
              let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw .badRequest("\(key) \(target): cannot read \(file)")
        }
        guard size <= maxFileBytes else {
            throw .badRequest("\(key) \(target): file is larger than \(maxFileBytes) bytes")
        }
        switch key {
        case "$json":
            guard let parsed = JSONValue.parse(jsonText: text) else { throw .badRequest("$json \(target): not valid JSON") }
            return parsed
        case "$yaml":
            let (documents, problems) = DescriptorParser.parse(text, file: file)
            guard problems.isEmpty, let first = documents.first else { throw .badRequest("$yaml \(target): not valid YAML") }
            return first.document
        default:
            return .string(text)
        }
    }
}
