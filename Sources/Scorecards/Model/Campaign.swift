import Catalog
import EntityRules
import FoyerCore

/// A time-boxed push towards a check or a track level over a set of entities (`kind: Campaign`).
public struct Campaign: Sendable, Equatable {
    public enum Target: Sendable, Equatable {
        case check(String)
        case track(String, level: String)
    }

    public let name: String
    public let title: String
    public let description: String?
    /// The group running the campaign.
    public let owner: EntityRef?
    public let appliesToSource: JSONValue?
    public let scope: Scope
    public let target: Target
    public let startDate: Day
    public let deadline: Day

    static let specFields: Set<String> = ["owner", "appliesTo", "target", "startDate", "deadline"]

    public static func parse(_ entity: Entity) -> Result<Campaign, RuleProblems> {
        var fields = DescriptorFields()
        let spec = entity.spec
        fields.rejectUnknownKeys(spec, allowed: specFields, in: "spec")
        let title = fields.string(entity.metadata["title"], "metadata.title", maxLength: 200)
        let description = fields.string(entity.metadata["description"], "metadata.description")
        let ownerText = fields.string(spec["owner"], "spec.owner", maxLength: 300)
        let owner = ownerText.flatMap { EntityRef.parse($0, defaultKind: "group", defaultNamespace: entity.namespace) }
        if let ownerText, owner == nil { fields.report("spec.owner", "'\(ownerText)' is not an entity reference") }
        let scope = fields.take(Scope.parse(spec["appliesTo"], field: "spec.appliesTo"))
        let target = Self.target(spec["target"], fields: &fields)
        let start = fields.day(spec["startDate"], "spec.startDate")
        let deadline = fields.day(spec["deadline"], "spec.deadline")
        if let start, let deadline, deadline < start { fields.report("spec.deadline", "\(deadline) is before the start date \(start)") }
        guard fields.problems.isEmpty, let scope, let target, let start, let deadline else {
            return .failure(RuleProblems(problems: fields.problems))
        }
        return .success(Campaign(name: entity.name.lowercased(), title: title ?? entity.name, description: description, owner: owner,
                                 appliesToSource: spec["appliesTo"], scope: scope, target: target, startDate: start, deadline: deadline))
    }

    private static func target(_ value: JSONValue?, fields: inout DescriptorFields) -> Target? {
        guard case .object(let members)? = value else {
            fields.report("spec.target", "is required: {check: <name>} or {track: <name>, level: <level>}")
            return nil
        }
        fields.rejectUnknownKeys(members, allowed: ["check", "track", "level"], in: "spec.target")
        let check = fields.string(members["check"], "spec.target.check", maxLength: 63)
        let track = fields.string(members["track"], "spec.target.track", maxLength: 63)
        let level = fields.string(members["level"], "spec.target.level", maxLength: 63)
        switch (check, track, level) {
        case (let check?, nil, nil): return .check(check.lowercased())
        case (nil, let track?, let level?): return .track(track.lowercased(), level: level)
        case (nil, _?, nil):
            fields.report("spec.target.level", "is required with a track: the level entities must reach")
        default:
            fields.report("spec.target", "needs either check, or track with level")
        }
        return nil
    }
}

/// Validates `Check`, `Track` and `Campaign` descriptors as the catalog reads them.
public struct ScorecardKind: CustomKindValidator {
    public let kind: String

    public static let all = [ScorecardKind(kind: "check"), ScorecardKind(kind: "track"), ScorecardKind(kind: "campaign")]

    public func validate(_ entity: Entity) -> [FieldProblem] {
        let result: Result<Void, RuleProblems> = switch kind {
        case "check": Check.parse(entity).map { _ in }
        case "track": Track.parse(entity).map { _ in }
        default: Campaign.parse(entity).map { _ in }
        }
        if case .failure(let problems) = result { return problems.problems }
        return []
    }
}
