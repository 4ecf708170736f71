import Foundation
import FoyerCore
import Logging

/// A git repository location: `REPO[#BRANCH[:PATH-OR-GLOB]]`, or a GitHub/GitLab-style
/// `https://host/org/repo/blob|tree/BRANCH/PATH` URL.
public struct GitTarget: Sendable, Equatable {
    public let repository: String
    public let branch: String?
    public let path: String

    public init(repository: String, branch: String?, path: String) {
        self.repository = repository
        self.branch = branch
        self.path = path
    }

    public static func parse(_ target: String) throws(FoyerError) -> GitTarget {
        if let url = URLComponents(string: target), ["http", "https"].contains(url.scheme ?? ""), url.fragment == nil {
            let parts = url.path.split(separator: "/").map(String.init)
            if parts.count >= 4, ["blob", "tree"].contains(parts[2]) || (parts.count >= 5 && parts[2] == "-" && ["blob", "tree"].contains(parts[3])) {
                let offset = parts[2] == "-" ? 4 : 3
                var repository = url
                repository.path = "/" + parts[0...1].joined(separator: "/")
                let path = parts.count > offset + 1 ? parts[(offset + 1)...].joined(separator: "/") : "."
                return GitTarget(repository: repository.string ?? target, branch: parts[offset], path: path)
            }
        }
        let pieces = target.split(separator: "#", maxSplits: 1).map(String.init)
        guard let repository = pieces.first, !repository.isEmpty else { throw .badRequest("git target '\(target)' names no repository") }
        var branch: String?
        var path = "."
        if pieces.count == 2 {
            let rest = pieces[1].split(separator: ":", maxSplits: 1).map(String.init)
            branch = rest.first.flatMap { $0.isEmpty ? nil : $0 }
            if rest.count == 2, !rest[1].isEmpty { path = rest[1] }
        }
        if let branch, branch.hasPrefix("-") || branch.contains("..") {
            throw .badRequest("git branch '\(branch)' is not allowed")
        }
        guard !repository.hasPrefix("-") else { throw .badRequest("git repository '\(repository)' is not allowed") }
        return GitTarget(repository: repository, branch: branch, path: path)
    }
}

/// Clones and updates git repositories under the data folder with the `git` command.
public struct GitCheckouts: RemoteCheckout {
    public let folder: String
    public let logger: Logger
    /// One git command at a time per process: checkouts share the folder.
    private static let gate = AsyncGate()

    public init(folder: String, logger: Logger) {
        self.folder = folder
        self.logger = logger
    }

    public func checkout(_ target: String) async throws(FoyerError) -> (folder: String, pattern: String) {
        let git = try GitTarget.parse(target)
        let key = RandomToken.sha256Hex(git.repository + "#" + (git.branch ?? "")).prefix(20)
        let checkout = (folder as NSString).appendingPathComponent(String(key))
        do {
            try await Self.gate.withLock {
                try DataFolder.prepare(folder)
                if FileManager.default.fileExists(atPath: (checkout as NSString).appendingPathComponent(".git")) {
                    try await runGit(["-C", checkout, "fetch", "--depth", "1", "origin", git.branch ?? "HEAD"])
                    try await runGit(["-C", checkout, "checkout", "--force", "--detach", "FETCH_HEAD"])
                } else {
                    try? FileManager.default.removeItem(atPath: checkout)
                    var arguments = ["clone", "--depth", "1"]
                    if let branch = git.branch { arguments += ["--branch", branch] }
                    try await runGit(arguments + ["--", git.repository, checkout])
                }
            }
        } catch let error as FoyerError {
            throw error
        } catch {
            throw .badRequest("git \(git.repository): \(error)")
        }
        let resolved = FileTargets.absolute(git.path, relativeTo: checkout)
        guard resolved == checkout || resolved.hasPrefix(checkout + "/") else {
            throw .badRequest("path '\(git.path)' leaves the repository")
        }
        return (checkout, git.path)
    }

    private func runGit(_ arguments: [String]) async throws {
        let output = try await ProcessRunner.run("/usr/bin/env", ["git"] + arguments, environment: ["GIT_TERMINAL_PROMPT": "0"])
        guard output.status == 0 else {
            let reason = output.standardError.split(separator: "\n").last.map(String.init) ?? "exit status \(output.status)"
            throw FoyerError.badRequest("git \(arguments.first ?? ""): \(reason)")
        }
    }
}

