import Catalog
import FoyerCore

/// What every descriptor built around one rule has (a Feature, a Check): its name and title, the
/// entities it applies to, and the rule, each kept as written for the API too.
public struct RuleDescriptor: Sendable, Equatable {
    public let name: String
    public let title: String
    public let description: String?
    /// `spec.appliesTo` as written (string, list or absent).
    public let appliesToSource: JSONValue?
    public let scope: Scope
    /// The rule as written.
    public let ruleSource: JSONValue
    public let rule: Rule

    /// Reads the common fields of `entity`, the rule from `spec.<ruleField>`; problems go to `fields`.
    /// `otherFields` are the kind's own spec fields, so unknown ones are reported.
    public static func parse(_ entity: Entity, ruleField: String, ruleMeaning: String, otherFields: Set<String>,
                             fields: inout DescriptorFields) -> RuleDescriptor? {
        let spec = entity.spec
        fields.rejectUnknownKeys(spec, allowed: otherFields.union(["appliesTo", ruleField]), in: "spec")
        let title = fields.string(entity.metadata["title"], "metadata.title", maxLength: 200)
        let description = fields.string(entity.metadata["description"], "metadata.description")
        let scope = fields.take(Scope.parse(spec["appliesTo"], field: "spec.appliesTo"))
        guard let source = spec[ruleField] else {
            fields.report("spec.\(ruleField)", "is required: \(ruleMeaning)")
            return nil
        }
        guard let rule = fields.take(RuleParser.parse(source, field: "spec.\(ruleField)")), let scope else { return nil }
        return RuleDescriptor(name: entity.name.lowercased(), title: title ?? entity.name, description: description,
                              appliesToSource: spec["appliesTo"], scope: scope, ruleSource: source, rule: rule)
    }
}

/// A descriptor kind built around one rule (Feature, Check): its common fields come from `descriptor`.
public protocol RuleDescribed {
    var descriptor: RuleDescriptor { get }
}

extension RuleDescribed {
    public var name: String { descriptor.name }
    public var title: String { descriptor.title }
    public var description: String? { descriptor.description }
    /// `spec.appliesTo` as written, served by the API.
    public var appliesToSource: JSONValue? { descriptor.appliesToSource }
    public var scope: Scope { descriptor.scope }
    /// The rule as written, served by the API.
    public var ruleSource: JSONValue { descriptor.ruleSource }
    public var rule: Rule { descriptor.rule }
}
