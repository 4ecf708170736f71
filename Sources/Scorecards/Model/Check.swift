import Catalog
import EntityRules
import FoyerCore

/// One thing "good" means for an entity, decided by a rule (`kind: Check`, `scorecards.md`).
public struct Check: RuleDescribed, Sendable, Equatable {
    /// Name, title, scope and `spec.rule`.
    public let descriptor: RuleDescriptor
    public let passedMessage: String?
    public let failedMessage: String?

    public static func parse(_ entity: Entity) -> Result<Check, RuleProblems> {
        var fields = DescriptorFields()
        let descriptor = RuleDescriptor.parse(entity, ruleField: "rule", ruleMeaning: "the rule an entity must satisfy to pass",
                                              otherFields: ["passedMessage", "failedMessage"], fields: &fields)
        let passed = fields.string(entity.spec["passedMessage"], "spec.passedMessage", maxLength: 1000)
        let failed = fields.string(entity.spec["failedMessage"], "spec.failedMessage", maxLength: 1000)
        guard fields.problems.isEmpty, let descriptor else { return .failure(RuleProblems(problems: fields.problems)) }
        return .success(Check(descriptor: descriptor, passedMessage: passed, failedMessage: failed))
    }
}

/// Levels of checks an entity climbs, lowest first (`kind: Track`).
public struct Track: Sendable, Equatable {
    public struct Level: Sendable, Equatable {
        public let name: String
        public let checks: [String]
    }

    public let name: String
    public let title: String
    public let description: String?
    public let appliesToSource: JSONValue?
    public let scope: Scope
    public let levels: [Level]

    public static let maxLevels = 10
    static let specFields: Set<String> = ["appliesTo", "levels"]

    public static func parse(_ entity: Entity) -> Result<Track, RuleProblems> {
        var fields = DescriptorFields()
        let spec = entity.spec
        fields.rejectUnknownKeys(spec, allowed: specFields, in: "spec")
        let title = fields.string(entity.metadata["title"], "metadata.title", maxLength: 200)
        let description = fields.string(entity.metadata["description"], "metadata.description")
        let scope = fields.take(Scope.parse(spec["appliesTo"], field: "spec.appliesTo"))
        var levels: [Level] = []
        switch spec["levels"] {
        case .array(let items)? where !items.isEmpty && items.count <= maxLevels:
            var names = Set<String>()
            for (index, item) in items.enumerated() {
                let field = "spec.levels[\(index)]"
                guard case .object(let members) = item else { fields.report(field, "a level is a mapping with name and checks"); continue }
                fields.rejectUnknownKeys(members, allowed: ["name", "checks"], in: field)
                let name = fields.string(members["name"], "\(field).name", required: true, maxLength: 63)
                if let name, !names.insert(name.lowercased()).inserted { fields.report("\(field).name", "'\(name)' names an earlier level too") }
                guard case .array(let checks)? = members["checks"], !checks.isEmpty, checks.count <= 100,
                      checks.allSatisfy({ $0.stringValue?.isEmpty == false }) else {
                    fields.report("\(field).checks", "must be a list of 1 to 100 check names")
                    continue
                }
                if let name { levels.append(Level(name: name, checks: checks.compactMap { $0.stringValue?.lowercased() })) }
            }
        case nil: fields.report("spec.levels", "is required: a list of levels, lowest first")
        default: fields.report("spec.levels", "must be a list of 1 to \(maxLevels) levels, lowest first")
        }
        guard fields.problems.isEmpty, let scope else { return .failure(RuleProblems(problems: fields.problems)) }
        return .success(Track(name: entity.name.lowercased(), title: title ?? entity.name, description: description,
                              appliesToSource: spec["appliesTo"], scope: scope, levels: levels))
    }

    /// Every check the track names, once, sorted.
    public var checkNames: [String] { Array(Set(levels.flatMap(\.checks))).sorted() }

    /// The 1-based index of `level` (case-insensitive), nil when the track has no such level.
    public func levelIndex(_ level: String) -> Int? {
        levels.firstIndex { $0.name.lowercased() == level.lowercased() }.map { $0 + 1 }
    }
}
