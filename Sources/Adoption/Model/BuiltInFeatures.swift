import Catalog
import Foundation
import FoyerCore

/// Foyer's own feature set (`BuiltIn/features.yaml`), which the catalog may override by name.
public enum BuiltInFeatures {
    /// Parses the bundled file; a problem in it is a bug in this build, reported with its field.
    public static func load() throws -> [Feature] {
        guard let url = Bundle.module.url(forResource: "features", withExtension: "yaml", subdirectory: "BuiltIn"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw FoyerError(.internalError, "the built-in features are missing from this build")
        }
        let (documents, problems) = DescriptorParser.parse(text, file: "features.yaml")
        if let problem = problems.first { throw FoyerError(.internalError, "built-in features: \(problem.description)") }
        return try documents.map { document in
            switch Feature.parse(Entity(document: document.document)) {
            case .success(let feature): return feature
            case .failure(let failure):
                let problem = failure.problems.first
                throw FoyerError(.internalError, "built-in feature at line \(document.line): \(problem?.field ?? ""): \(problem?.message ?? "")")
            }
        }
    }
}
