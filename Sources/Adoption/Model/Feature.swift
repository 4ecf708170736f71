import Catalog
import EntityRules
import FoyerCore

/// A portal feature an entity unlocks when a rule holds (`kind: Feature`, `adoption.md`).
public struct Feature: Sendable, Equatable {
    public let name: String
    public let title: String
    public let description: String?
    /// `spec.appliesTo` as written (string, list or absent), served by the API.
    public let appliesToSource: JSONValue?
    public let scope: Scope
    /// `spec.unlockedWhen` as written, served by the API.
    public let ruleSource: JSONValue
    public let rule: Rule
    public let snippet: String?
    public let learningPath: String?

    static let specFields: Set<String> = ["appliesTo", "unlockedWhen", "snippet", "learningPath"]

    /// The feature `entity` describes, or every problem of it.
    public static func parse(_ entity: Entity) -> Result<Feature, RuleProblems> {
        var fields = DescriptorFields()
        let spec = entity.spec
        fields.rejectUnknownKeys(spec, allowed: specFields, in: "spec")
        let title = fields.string(entity.metadata["title"], "metadata.title", maxLength: 200)
        let description = fields.string(entity.metadata["description"], "metadata.description")
        let snippet = fields.string(spec["snippet"], "spec.snippet", maxLength: 4000)
        let learningPath = fields.string(spec["learningPath"], "spec.learningPath", maxLength: 63)
        let scope = fields.take(Scope.parse(spec["appliesTo"], field: "spec.appliesTo"))
        var rule: Rule?
        if let source = spec["unlockedWhen"] {
            rule = fields.take(RuleParser.parse(source, field: "spec.unlockedWhen"))
        } else {
            fields.report("spec.unlockedWhen", "is required: the rule that unlocks the feature")
        }
        guard fields.problems.isEmpty, let scope, let rule else { return .failure(RuleProblems(problems: fields.problems)) }
        return .success(Feature(name: entity.name.lowercased(), title: title ?? entity.name, description: description,
                                appliesToSource: spec["appliesTo"], scope: scope, ruleSource: spec["unlockedWhen"]!,
                                rule: rule, snippet: snippet, learningPath: learningPath))
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
