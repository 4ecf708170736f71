import Catalog
import EntityRules
import FoyerCore

/// A portal feature an entity unlocks when a rule holds (`kind: Feature`, `adoption.md`).
public struct Feature: RuleDescribed, Sendable, Equatable {
    /// Name, title, scope and `spec.unlockedWhen`.
    public let descriptor: RuleDescriptor
    public let snippet: String?
    public let learningPath: String?

    /// The feature `entity` describes, or every problem of it.
    public static func parse(_ entity: Entity) -> Result<Feature, RuleProblems> {
        var fields = DescriptorFields()
        let descriptor = RuleDescriptor.parse(entity, ruleField: "unlockedWhen", ruleMeaning: "the rule that unlocks the feature",
                                              otherFields: ["snippet", "learningPath"], fields: &fields)
        let snippet = fields.string(entity.spec["snippet"], "spec.snippet", maxLength: 4000)
        let learningPath = fields.string(entity.spec["learningPath"], "spec.learningPath", maxLength: 63)
        guard fields.problems.isEmpty, let descriptor else { return .failure(RuleProblems(problems: fields.problems)) }
        return .success(Feature(descriptor: descriptor, snippet: snippet, learningPath: learningPath))
    }
}

/// Validates `Feature` descriptors as the catalog reads them.
public struct FeatureKind: CustomKindValidator {
    public init() {}
    public var kind: String { "feature" }
    public func validate(_ entity: Entity) -> [FieldProblem] {
        if case .failure(let problems) = Feature.parse(entity) { return problems.problems }
        return []
    }
}
