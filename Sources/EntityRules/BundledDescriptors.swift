import Catalog
import Foundation
import FoyerCore

/// Descriptor files shipped inside the binary (built-in features, checks, tracks): a problem in
/// one is a bug in this build, reported with the file, line and field.
public enum BundledDescriptors {
    /// The entities of the bundled file at `url`, each with its line.
    public static func entities(at url: URL?, name: String) throws -> [(entity: Entity, line: Int)] {
        guard let url, let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw FoyerError(.internalError, "\(name) is missing from this build")
        }
        let (documents, problems) = DescriptorParser.parse(text, file: name)
        if let problem = problems.first { throw FoyerError(.internalError, "built-in descriptors: \(problem.description)") }
        return documents.map { (Entity(document: $0.document), $0.line) }
    }

    /// The value of a descriptor parse, or an error naming where the bundled file is wrong.
    public static func require<Value>(_ result: Result<Value, RuleProblems>, name: String, line: Int) throws -> Value {
        switch result {
        case .success(let value): return value
        case .failure(let failure):
            let detail = failure.problems.map { "\($0.field ?? ""): \($0.message)" }.joined(separator: "; ")
            throw FoyerError(.internalError, "\(name):\(line): \(detail)")
        }
    }
}
