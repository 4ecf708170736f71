import Foundation
import FoyerCore

/// Where locations may read: folders for `file` targets (after resolving symlinks) and hosts for
/// `url`/`git` targets. A location pointing elsewhere is refused with a clear problem.
public struct LocationAccessPolicy: Sendable {
    /// Real paths of the allowed folders; nil allows every folder (offline `foyer validate`).
    public let roots: [String]?
    public let hosts: Set<String>

    public static let unrestricted = LocationAccessPolicy(roots: nil, hosts: [])

    public init(roots: [String]?, hosts: [String]) {
        self.roots = roots.map { $0.map(Self.realPath) }
        self.hosts = Set(hosts.map { $0.lowercased() })
    }

    /// Refuses a file outside every root, judging where its symlinks really lead.
    public func checkFile(_ path: String) throws(FoyerError) {
        guard let roots else { return }
        let real = Self.realPath(path)
        guard roots.contains(where: { real == $0 || real.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) else {
            let shown = real == path ? path : "\(path) (which leads to \(real))"
            throw .forbidden("\(shown) is outside the allowed catalog folders (catalogAllowedRoots)")
        }
    }

    /// Refuses a remote target whose host is not allowed; `file://` repositories must lie in a root.
    public func checkRemote(_ target: String) throws(FoyerError) {
        let repository = (try? GitTarget.parse(target))?.repository ?? target
        guard let url = URLComponents(string: repository), let scheme = url.scheme?.lowercased() else {
            throw .badRequest("'\(target)' is not a repository URL")
        }
        if scheme == "file" {
            try checkFile(url.path)
            return
        }
        guard ["https", "http", "ssh", "git"].contains(scheme), let host = url.host?.lowercased(), !host.isEmpty else {
            throw .badRequest("'\(target)': only https, http, ssh, git and file repository URLs are supported")
        }
        guard hosts.contains(host) else {
            throw .forbidden("host \(host) is not in catalogAllowedHosts")
        }
    }

    /// Checks a location before it is registered: its folder (or glob prefix), or its host.
    public func check(_ location: LocationSpec, base: String) throws(FoyerError) {
        guard location.type == "file" else {
            try checkRemote(location.target)
            return
        }
        let path = FileTargets.absolute(location.target, relativeTo: base)
        try checkFile(GlobPattern.isGlob(path) ? GlobPattern(path).staticPrefix : path)
    }

    /// The path with symlinks resolved (as far as it exists) and `.`/`..` removed.
    static func realPath(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }
}

extension FoyerError {
    static func forbidden(_ message: String) -> FoyerError { FoyerError(.forbidden, message) }
}
