import Foundation
import FoyerCore

/// Resolves a `file` location target to the descriptor files it names: a file, a folder, or a glob.
public enum FileTargets {
    /// Names looked for when the target is a folder.
    public static let descriptorNames: Set<String> = ["catalog-info.yaml", "catalog-info.yml"]
    /// Folders never searched: version control and dependency trees.
    static let skippedFolders: Set<String> = [".git", "node_modules", ".build"]
    static let maxFiles = 50_000

    /// Absolute, sorted paths of the descriptor files `target` names (relative targets resolve against
    /// `base`). A glob matching nothing, or a folder without descriptors, is an error, as a missing file
    /// is: Backstage reports such a target as not existing, and a typo must not pass a CI check.
    public static func resolve(_ target: String, relativeTo base: String) throws(FoyerError) -> [String] {
        let path = absolute(target, relativeTo: base)
        if GlobPattern.isGlob(path) {
            let glob = GlobPattern(path)
            let root = glob.staticPrefix.isEmpty ? base : glob.staticPrefix
            let found = try walk(root) { glob.matches($0) }
            guard !found.isEmpty else { throw .notFound("\(path) does not exist: no file matches it") }
            return found
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .notFound("\(path) does not exist")
        }
        if isDirectory.boolValue {
            let found = try walk(path) { descriptorNames.contains(($0 as NSString).lastPathComponent) }
            guard !found.isEmpty else { throw .notFound("\(path) holds no \(descriptorNames.sorted().joined(separator: " or ")) file") }
            return found
        }
        return [path]
    }

    /// `target` made absolute against `base` and normalised (`.` and `..` removed).
    public static func absolute(_ target: String, relativeTo base: String) -> String {
        let joined = target.hasPrefix("/") ? target : (base as NSString).appendingPathComponent(target)
        return (joined as NSString).standardizingPath
    }

    private static func walk(_ root: String, include: (String) -> Bool) throws(FoyerError) -> [String] {
        var found: [String] = []
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            return []
        }
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            let full = (root as NSString).appendingPathComponent(relative)
            if skippedFolders.contains(name) {
                enumerator.skipDescendants()
                continue
            }
            if include(full), FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                found.append(full)
                guard found.count <= maxFiles else {
                    throw .badRequest("\(root) holds more than \(maxFiles) matching files")
                }
            }
        }
        return found.sorted()
    }
}
