import Catalog
import EntityRules
import FoyerCore

/// Who a survey asks: everyone, people new to the portal, people who visited pages under a path,
/// or people who used a feature.
public enum SurveyAudience: Sendable, Equatable {
    case everyone
    case newUsers
    case visited(pathPrefix: String)
    case usedFeature(String)

    /// Reads `audience`: `everyone` (the default), `newUsers`, `{visited: /docs}` or `{usedFeature: techdocs}`.
    public static func parse(_ value: JSONValue?, field: String) -> Result<SurveyAudience, RuleProblems> {
        let expected = "must be everyone, newUsers, {visited: <path prefix>} or {usedFeature: <feature>}"
        switch value {
        case nil, .null?: return .success(.everyone)
        case .string(let text)? where text.lowercased() == "everyone": return .success(.everyone)
        case .string(let text)? where text.lowercased() == "newusers": return .success(.newUsers)
        case .object(let members)? where members.count == 1:
            switch (members.keys.first!, members.values.first!) {
            case ("visited", .string(let prefix)) where prefix.hasPrefix("/") && prefix.count <= 300:
                return .success(.visited(pathPrefix: prefix))
            case ("visited", _):
                return .failure(RuleProblems(problems: [FieldProblem("\(field).visited", "must be a path starting with / (at most 300 characters)")]))
            case ("usedFeature", .string(let feature)) where !feature.isEmpty && feature.count <= 63:
                return .success(.usedFeature(feature.lowercased()))
            case ("usedFeature", _):
                return .failure(RuleProblems(problems: [FieldProblem("\(field).usedFeature", "must be a feature name")]))
            default:
                return .failure(RuleProblems(problems: [FieldProblem(field, expected)]))
            }
        default:
            return .failure(RuleProblems(problems: [FieldProblem(field, expected)]))
        }
    }

    /// Whether a person with `facts` belongs to this audience.
    public func includes(_ facts: AudienceFacts) -> Bool {
        switch self {
        case .everyone: true
        case .newUsers: facts.isNew
        case .visited(let prefix): facts.visitedPaths.contains { $0.hasPrefix(prefix) }
        case .usedFeature(let feature): facts.usedFeatures.contains(feature)
        }
    }
}

/// What audiences look at about one person.
public struct AudienceFacts: Sendable {
    public let isNew: Bool
    /// Paths of the portal pages the person has visited.
    public let visitedPaths: Set<String>
    /// Names (lowercased) of the features the person has used.
    public let usedFeatures: Set<String>

    public init(isNew: Bool, visitedPaths: Set<String> = [], usedFeatures: Set<String> = []) {
        self.isNew = isNew
        self.visitedPaths = visitedPaths
        self.usedFeatures = usedFeatures
    }
}
