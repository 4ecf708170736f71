import Foundation
import FoyerCore

/// Where entities come from: `{type, target}` as Backstage's location API spells it.
public struct LocationSpec: Sendable, Hashable, Codable {
    public let type: String
    public let target: String

    public init(type: String, target: String) {
        self.type = type
        self.target = target
    }

    /// A spec from what a person or client gave: a known type and a target of sensible length.
    public static func validated(type: String, target: String) throws(FoyerError) -> LocationSpec {
        guard ["file", "url", "git"].contains(type) else {
            throw .badRequest("location type must be file, url or git, not '\(type)'")
        }
        guard !target.isEmpty, target.count <= 2048 else { throw .badRequest("location target must be 1 to 2048 characters") }
        return LocationSpec(type: type, target: target)
    }

    /// `type:target`, the form of the managed-by annotations.
    public var annotationValue: String { "\(type):\(target)" }
}

/// An entity ready to store: annotated with where it came from, with its relations.
public struct ProcessedEntity: Sendable {
    public let entity: Entity
    public let relations: [Relation]
    public let file: String
    public let line: Int
    /// The `Location` entity whose target led to this entity's file; nil at the registered location.
    public let parentRef: String?
}

/// Everything one location yields on one read (or one slice of it).
public struct ProcessedLocation: Sendable {
    public var entities: [ProcessedEntity] = []
    public var problems: [CatalogProblem] = []
    public var files: [String] = []

    public init() {}

    /// Adds a further slice of the same read.
    public mutating func append(_ slice: ProcessedLocation) {
        entities += slice.entities
        problems += slice.problems
        files += slice.files
    }
}

/// Reads a location: resolves its files, reads each, and follows `Location` entities (cycles reported).
public struct LocationProcessor: Sendable {
    public let reader: DescriptorReader
    /// Resolves `url`/`git` targets to a local folder; nil when remote locations are not available.
    public let remote: (any RemoteCheckout)?

    /// When there is no `remote`, skip `url`/`git` targets silently instead of reporting them (offline linting).
    public let skipsRemoteTargets: Bool
    public let policy: LocationAccessPolicy
    /// Rules about how a location's entities fit together, run after every file is read.
    public let checks: [any LocationCheck]

    public init(reader: DescriptorReader = DescriptorReader(), remote: (any RemoteCheckout)? = nil,
                policy: LocationAccessPolicy = .unrestricted, skipsRemoteTargets: Bool = false, checks: [any LocationCheck] = []) {
        self.reader = reader
        self.remote = remote
        self.policy = policy
        self.skipsRemoteTargets = skipsRemoteTargets
        self.checks = checks
    }

    struct Pending {
        let type: String
        let target: String
        let base: String
        let ancestry: [String]
        /// Where the reference to this target was written (file, line, Location entity, field), for problems.
        let origin: (file: String, line: Int, ref: String, field: String)?
        /// Folder that placeholders of files reached through this target may read from.
        var root: String
    }

    /// Reads `location` and everything it leads to; relative `file` targets resolve against `base`.
    public func process(_ location: LocationSpec, base: String) async -> ProcessedLocation {
        var result = ProcessedLocation()
        await process(location, base: base) { slice in result.append(slice) }
        return result
    }

    /// Reads `location` like `process(_:base:)`, handing the read over in slices of about
    /// `sliceSize` entities as files are read, so a huge location never sits in memory whole.
    /// Entities a check looks at are held back and come last, once the checks have run.
    public func process(_ location: LocationSpec, base: String, sliceSize: Int = 2000,
                        into deliver: (ProcessedLocation) async throws -> Void) async rethrows {
        var slice = ProcessedLocation()
        var held: [ProcessedEntity] = []
        // Ref → file, to refuse an entity that another file of this location already defined.
        var definedIn: [String: String] = [:]
        let checkedKinds = Set(checks.flatMap(\.kinds))
        var visited: Set<String> = []
        let root = Self.root(of: location, base: base)
        var queue = [Pending(type: location.type, target: location.target, base: base, ancestry: [], origin: nil, root: root)]
        while !queue.isEmpty {
            var pending = queue.removeFirst()
            let files: [String]
            do throws(FoyerError) {
                (files, pending.root) = try await resolve(pending)
            } catch {
                let origin = pending.origin
                slice.problems.append(CatalogProblem(
                    file: origin?.file ?? pending.target, line: origin?.line ?? 0, entityRef: origin?.ref,
                    field: origin?.field, message: error.message))
                continue
            }
            var fresh: [String] = []
            for file in files {
                if pending.ancestry.contains(file) {
                    let chain = (pending.ancestry + [file]).map { ($0 as NSString).lastPathComponent }.joined(separator: " → ")
                    let origin = pending.origin
                    slice.problems.append(CatalogProblem(
                        file: origin?.file ?? file, line: origin?.line ?? 0, entityRef: origin?.ref, field: origin?.field,
                        message: "location cycle: \(chain)"))
                    continue
                }
                guard visited.insert(file).inserted else { continue }
                do {
                    try policy.checkFile(file)
                } catch {
                    slice.problems.append(CatalogProblem(file: file, line: 0, entityRef: pending.origin?.ref, field: nil, message: error.message))
                    continue
                }
                fresh.append(file)
            }
            let placeholders = PlaceholderResolver(root: pending.root, maxFileBytes: reader.limits.maxFileBytes)
            let batches = fresh.chunked(Self.readWidth)
            // The next batch is read while this one is handed over, so reading overlaps storing.
            var nextRead = batches.first.map { batch in Task { await readFiles(batch, placeholders: placeholders) } }
            defer { nextRead?.cancel() }
            for index in batches.indices {
                let results = await nextRead!.value
                nextRead = batches.indices.contains(index + 1) ? Task { [batches] in await readFiles(batches[index + 1], placeholders: placeholders) } : nil
                for (file, read) in results {
                    slice.files.append(file)
                    slice.problems += read.problems
                    for item in read.entities {
                        var entity = item.entity
                        entity.setAnnotation(Annotation.managedByLocation, "\(pending.type == "file" ? "file" : "url"):\(file)")
                        entity.setAnnotation(Annotation.managedByOriginLocation, location.annotationValue)
                        let ref = entity.ref.description
                        if let first = definedIn[ref] {
                            slice.problems.append(CatalogProblem(file: file, line: item.line, entityRef: ref, field: "metadata.name",
                                                                 message: "\(ref) is defined more than once in this location (also in \(first)); this definition is ignored"))
                            continue
                        }
                        definedIn[ref] = file
                        let processed = ProcessedEntity(entity: entity, relations: item.relations, file: file, line: item.line, parentRef: pending.origin?.ref)
                        let kind = entity.kind.lowercased()
                        if checkedKinds.contains(kind) { held.append(processed) } else { slice.entities.append(processed) }
                        if kind == "location" {
                            queue += followTargets(of: item, file: file, type: pending.type, ancestry: pending.ancestry + [file], root: pending.root)
                        }
                    }
                }
                if slice.entities.count >= sliceSize {
                    try await deliver(slice)
                    slice = ProcessedLocation()
                }
            }
        }
        slice.append(await applyChecks(to: held))
        try await deliver(slice)
    }

    /// Runs the location checks over the entities they look at: the ones they accept, and problems for the rest.
    private func applyChecks(to entities: [ProcessedEntity]) async -> ProcessedLocation {
        var result = ProcessedLocation()
        var rejected = Set<Int>()
        for check in checks {
            for (index, problem) in await check.problems(in: entities) where entities.indices.contains(index) {
                let item = entities[index]
                result.problems.append(CatalogProblem(file: item.file, line: item.line, entityRef: item.entity.ref.description,
                                                      field: problem.field, message: problem.message))
                rejected.insert(index)
            }
        }
        result.entities = entities.indices.filter { !rejected.contains($0) }.map { entities[$0] }
        return result
    }

    /// Files read at once, on every core.
    public static let readWidth = max(2, ProcessInfo.processInfo.activeProcessorCount) * 8

    /// Reads `files` on every core, answering in the order given.
    private func readFiles(_ files: [String], placeholders: PlaceholderResolver) async -> [(String, FileReadResult)] {
        let read = await withTaskGroup(of: (Int, FileReadResult).self) { group in
            for (index, file) in files.enumerated() {
                group.addTask { (index, self.readFile(file, placeholders: placeholders)) }
            }
            var collected: [(Int, FileReadResult)] = []
            for await item in group { collected.append(item) }
            return collected.sorted { $0.0 < $1.0 }.map(\.1)
        }
        return Array(zip(files, read))
    }

    /// The files `pending` names, and the folder their placeholders may read: a repository's
    /// checkout for a remote target, else the one the target came with.
    private func resolve(_ pending: Pending) async throws(FoyerError) -> (files: [String], root: String) {
        switch pending.type {
        case "file":
            let files = try FileTargets.resolve(pending.target, relativeTo: pending.base)
            if files.isEmpty { try policy.checkFile(FileTargets.absolute(pending.target, relativeTo: pending.base)) }
            return (files, pending.root)
        case "url", "git":
            guard let remote else {
                if skipsRemoteTargets { return ([], pending.root) }
                throw .badRequest("\(pending.type) locations are not enabled on this server")
            }
            if !pending.target.contains("://"), pending.origin != nil {
                // A relative target inside a checked-out repository is a file of that checkout.
                return (try FileTargets.resolve(pending.target, relativeTo: pending.base), pending.root)
            }
            try policy.checkRemote(pending.target)
            let checkout = try await remote.checkout(pending.target)
            return (try FileTargets.resolve(checkout.pattern, relativeTo: checkout.folder), checkout.folder)
        default:
            throw .badRequest("location type '\(pending.type)' is not supported (use file, url or git)")
        }
    }

    /// The folder a location's placeholders may read: the target's folder (or the glob's fixed prefix).
    static func root(of location: LocationSpec, base: String) -> String {
        guard location.type == "file" else { return base }
        let path = FileTargets.absolute(location.target, relativeTo: base)
        if GlobPattern.isGlob(path) { return GlobPattern(path).staticPrefix }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return path }
        return (path as NSString).deletingLastPathComponent
    }

    private func readFile(_ file: String, placeholders: PlaceholderResolver) -> FileReadResult {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
              let size = attributes[.size] as? Int else {
            return FileReadResult(problems: [CatalogProblem(file: file, line: 0, entityRef: nil, field: nil, message: "cannot read the file")])
        }
        guard size <= reader.limits.maxFileBytes else {
            return FileReadResult(problems: [CatalogProblem(file: file, line: 0, entityRef: nil, field: nil, message: "file is \(size) bytes; the limit is \(reader.limits.maxFileBytes)")])
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            return FileReadResult(problems: [CatalogProblem(file: file, line: 0, entityRef: nil, field: nil, message: "cannot read the file")])
        }
        // A UTF-16 byte-order mark first: such a file is full of NUL bytes, but it is text in the wrong encoding.
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            return FileReadResult(problems: [CatalogProblem(file: file, line: 0, entityRef: nil, field: nil,
                                                            message: "the file is UTF-16 text: descriptors must be UTF-8")])
        }
        if let nul = data.firstIndex(of: 0) {
            let line = data[..<nul].reduce(1) { $1 == 10 ? $0 + 1 : $0 }
            return FileReadResult(problems: [CatalogProblem(file: file, line: line, entityRef: nil, field: nil,
                                                            message: "holds a NUL byte, so it looks binary: descriptors must be UTF-8 text")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return FileReadResult(problems: [CatalogProblem(file: file, line: 0, entityRef: nil, field: nil, message: "the file is not valid UTF-8 text")])
        }
        return reader.read(text, file: file, placeholders: placeholders)
    }

    private func followTargets(of location: ReadEntity, file: String, type: String, ancestry: [String], root: String) -> [Pending] {
        let spec = location.entity.spec
        let targetType = spec["type"]?.stringValue ?? type
        var targets: [(field: String, target: String)] = spec["target"]?.stringValue.map { [("spec.target", $0)] } ?? []
        for (index, item) in (spec["targets"]?.arrayValue ?? []).enumerated() {
            if let target = item.stringValue { targets.append(("spec.targets[\(index)]", target)) }
        }
        let base = (file as NSString).deletingLastPathComponent
        return targets.map { field, target in
            let line = location.targetLines[field] ?? location.line
            return Pending(type: targetType, target: target, base: base, ancestry: ancestry, origin: (file, line, location.entity.ref.description, field), root: root)
        }
    }
}

/// Fetches a remote repository location into a local folder.
public protocol RemoteCheckout: Sendable {
    /// The local folder holding the repository at the requested branch, and the path or glob inside it.
    func checkout(_ target: String) async throws(FoyerError) -> (folder: String, pattern: String)
}
