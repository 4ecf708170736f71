import ArgumentParser
import Catalog
import Foundation
import FoyerCore

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check catalog descriptor files offline, as the server would read them (for CI pipelines).",
        discussion: """
            Each path may be a file, a folder (searched for catalog-info.yaml) or a glob; Location
            entities are followed to the files they name. One line per problem:
              file:line: kind:namespace/name: field: message
            Exit status: 0 when every entity is valid, 1 when any is not, 2 on usage errors.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    @Argument(help: "Descriptor files, folders or globs.")
    var paths: [String] = []

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func run() async throws {
        guard !paths.isEmpty else {
            FileHandle.standardError.write(Data("foyer validate: give at least one file, folder or glob\n".utf8))
            throw ExitCode(2)
        }
        let base = FileManager.default.currentDirectoryPath
        let processor = LocationProcessor(reader: DescriptorReader(validator: EntityValidator(customKinds: customKinds)), skipsRemoteTargets: true,
                                          checks: try locationChecks(nil))
        var entities: [ProcessedEntity] = []
        var problems: [CatalogProblem] = []
        var files: [String] = []
        for path in paths {
            let absolute = FileTargets.absolute(path, relativeTo: base)
            if !GlobPattern.isGlob(absolute), !FileManager.default.fileExists(atPath: absolute) {
                FileHandle.standardError.write(Data("foyer validate: \(path) does not exist\n".utf8))
                throw ExitCode(2)
            }
            let result = await processor.process(LocationSpec(type: "file", target: path), base: base)
            entities += result.entities
            problems += result.problems
            files += result.files
        }
        problems = problems.map { relative($0, to: base) }
        switch format {
        case .text:
            for problem in problems { print(problem.description) }
            func counted(_ count: Int, _ one: String, _ many: String) -> String { "\(count) \(count == 1 ? one : many)" }
            let summary = "\(counted(entities.count, "valid entity", "valid entities")) in \(counted(Set(files).count, "file", "files")), \(counted(problems.count, "problem", "problems"))"
            FileHandle.standardError.write(Data((summary + "\n").utf8))
        case .json:
            struct Report: Encodable { let valid: Bool; let entities: [String]; let files: [String]; let problems: [CatalogProblem] }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let report = Report(valid: problems.isEmpty, entities: entities.map(\.entity.ref.description), files: files, problems: problems)
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        }
        if !problems.isEmpty { throw ExitCode(1) }
    }

    /// Paths under the working folder are shown relative to it, as editors and CI logs link them.
    private func relative(_ problem: CatalogProblem, to base: String) -> CatalogProblem {
        let prefix = base.hasSuffix("/") ? base : base + "/"
        guard problem.file.hasPrefix(prefix) else { return problem }
        return CatalogProblem(file: String(problem.file.dropFirst(prefix.count)), line: problem.line, entityRef: problem.entityRef,
                              field: problem.field, message: problem.message)
    }
}
