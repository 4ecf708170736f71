import Catalog
import EntityRules
import FoyerCore

/// A path of steps that teach something, completed by events, owned entities or by hand (`kind: LearningPath`).
public struct LearningPath: Sendable, Equatable {
    public let name: String
    public let title: String
    public let description: String?
    /// Assigned to every new user.
    public let onboarding: Bool
    /// The feature this path teaches, if any.
    public let feature: String?
    public let steps: [LearningStep]

    public static let maxSteps = 50
    static let specFields: Set<String> = ["onboarding", "feature", "steps"]

    public static func parse(_ entity: Entity) -> Result<LearningPath, RuleProblems> {
        var fields = DescriptorFields()
        let spec = entity.spec
        fields.rejectUnknownKeys(spec, allowed: specFields, in: "spec")
        let title = fields.string(entity.metadata["title"], "metadata.title", maxLength: 200)
        let description = fields.string(entity.metadata["description"], "metadata.description")
        let onboarding = fields.bool(spec["onboarding"], "spec.onboarding")
        let feature = fields.string(spec["feature"], "spec.feature", maxLength: 63)
        var steps: [LearningStep] = []
        switch spec["steps"] {
        case .array(let items)? where !items.isEmpty && items.count <= maxSteps:
            var seen = Set<String>()
            for (index, item) in items.enumerated() {
                guard let step = LearningStep.parse(item, field: "spec.steps[\(index)]", fields: &fields) else { continue }
                if !seen.insert(step.id).inserted {
                    fields.report("spec.steps[\(index)].id", "'\(step.id)' is used by an earlier step; step ids are unique within a path")
                }
                steps.append(step)
            }
        case nil: fields.report("spec.steps", "is required: a list of 1 to \(maxSteps) steps")
        default: fields.report("spec.steps", "must be a list of 1 to \(maxSteps) steps")
        }
        guard fields.problems.isEmpty else { return .failure(RuleProblems(problems: fields.problems)) }
        return .success(LearningPath(name: entity.name.lowercased(), title: title ?? entity.name, description: description,
                                     onboarding: onboarding, feature: feature?.lowercased(), steps: steps))
    }

    public func step(_ id: String) -> LearningStep? { steps.first { $0.id == id } }
}

/// One step of a path.
public struct LearningStep: Sendable, Equatable {
    public enum Stage: String, Sendable, CaseIterable { case tell, show, `do`, review }

    /// How a step completes itself.
    public enum Completion: Sendable, Equatable {
        /// The user has any event with this action and a matching subject.
        case event(action: String, subject: SubjectPattern)
        /// An entity the user owns (directly or through a group) satisfies the rule.
        case ownedEntity(Rule)
        /// The user checks it off.
        case manual
    }

    public let id: String
    public let title: String
    public let stage: Stage
    /// Markdown shown on the step.
    public let content: String?
    public let completion: Completion

    static let fields: Set<String> = ["id", "title", "stage", "content", "complete"]

    static func parse(_ value: JSONValue, field: String, fields: inout DescriptorFields) -> LearningStep? {
        guard case .object(let members) = value else {
            fields.report(field, "a step must be a mapping with id, title, stage and complete")
            return nil
        }
        let before = fields.problems.count
        fields.rejectUnknownKeys(members, allowed: Self.fields, in: field)
        let id = fields.string(members["id"], "\(field).id", required: true, maxLength: 63)
        if let id, !NameRules.isValidName(id) {
            fields.report("\(field).id", "'\(id)' is not a valid step id (letters, digits, - _ . ; at most 63)")
        }
        let title = fields.string(members["title"], "\(field).title", required: true, maxLength: 200)
        let stageText = fields.string(members["stage"], "\(field).stage", required: true, maxLength: 20)
        let stage = stageText.flatMap(Stage.init(rawValue:))
        if let stageText, stage == nil {
            fields.report("\(field).stage", "'\(stageText)' is not a stage (tell, show, do or review)")
        }
        let content = fields.string(members["content"], "\(field).content", maxLength: 20_000)
        let completion = Self.completion(members["complete"], field: "\(field).complete", fields: &fields)
        guard fields.problems.count == before, let id, let title, let stage, let completion else { return nil }
        return LearningStep(id: id, title: title, stage: stage, content: content, completion: completion)
    }

    private static func completion(_ value: JSONValue?, field: String, fields: inout DescriptorFields) -> Completion? {
        switch value {
        case .string("manual")?: return .manual
        case .object(let members)? where members.count == 1 && members["event"] != nil:
            guard case .object(let event)? = members["event"] else {
                fields.report("\(field).event", "must be a mapping with action and subject")
                return nil
            }
            fields.rejectUnknownKeys(event, allowed: ["action", "subject"], in: "\(field).event")
            let action = fields.string(event["action"], "\(field).event.action", required: true, maxLength: 100)
            let subject = fields.string(event["subject"], "\(field).event.subject", required: true, maxLength: 500)
            guard let action, let subject else { return nil }
            return .event(action: action, subject: SubjectPattern(subject))
        case .object(let members)? where members.count == 1 && members["ownedEntity"] != nil:
            return fields.take(RuleParser.parse(members["ownedEntity"]!, field: "\(field).ownedEntity")).map(Completion.ownedEntity)
        case nil:
            fields.report(field, "is required: manual, {event: {action, subject}} or {ownedEntity: rule}")
            return nil
        default:
            fields.report(field, "must be manual, {event: {action, subject}} or {ownedEntity: rule}")
            return nil
        }
    }
}

/// An event subject to match: exact, or a prefix when it ends in `*`.
public struct SubjectPattern: Sendable, Equatable, CustomStringConvertible {
    public let text: String

    public init(_ text: String) { self.text = text }

    public var description: String { text }
    /// The prefix to match, when the pattern ends in `*`.
    public var prefix: String? { text.hasSuffix("*") ? String(text.dropLast()) : nil }

    public func matches(_ subject: String) -> Bool {
        if let prefix { return subject.hasPrefix(prefix) }
        return subject == text
    }
}

/// Validates `LearningPath` descriptors as the catalog reads them.
public struct LearningPathKind: CustomKindValidator {
    public init() {}
    public var kind: String { "learningpath" }
    public func validate(_ entity: Entity) -> [FieldProblem] {
        if case .failure(let problems) = LearningPath.parse(entity) { return problems.problems }
        return []
    }
}
