import Catalog
import FoyerCore

/// The JSON shapes of `adoption.md`, built from the model (pure, so pages and tests reuse them).
public enum AdoptionJSON {
    static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
    static func number(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }

    public static func feature(_ feature: Feature) -> JSONValue {
        .object([
            "name": .string(feature.name), "title": .string(feature.title), "description": optional(feature.description),
            "appliesTo": feature.appliesToSource ?? .null, "unlockedWhen": feature.ruleSource,
            "snippet": optional(feature.snippet), "learningPath": optional(feature.learningPath),
        ])
    }

    public static func entity(_ adoption: EntityAdoption) -> JSONValue {
        .object([
            "entityRef": .string(adoption.ref.description),
            "unlocked": .array(adoption.unlocked.map { .string($0.name) }),
            "locked": .array(adoption.locked.map { feature in
                .object(["feature": .string(feature.name), "title": .string(feature.title), "snippet": optional(feature.snippet),
                         "learningPath": optional(feature.learningPath)])
            }),
            "applicable": .number(Double(adoption.applicable)),
            "percent": number(adoption.percent),
        ])
    }

    /// A group (or, without `groupRef`, the organisation): entities, percent, per-feature totals.
    public static func totals(_ totals: AdoptionTotals, groupRef: EntityRef?) -> [String: JSONValue] {
        var members: [String: JSONValue] = [
            "entities": .number(Double(totals.entities)),
            "percent": number(totals.percent),
            "features": .array(totals.features.map { item in
                .object(["feature": .string(item.feature), "unlocked": .number(Double(item.unlocked)), "applicable": .number(Double(item.applicable))])
            }),
        ]
        if let groupRef { members["groupRef"] = .string(groupRef.description) }
        return members
    }

    public static func path(_ path: LearningPath) -> JSONValue {
        .object(["name": .string(path.name), "title": .string(path.title), "onboarding": .bool(path.onboarding),
                 "feature": optional(path.feature), "steps": .number(Double(path.steps.count))])
    }

    public static func progress(_ progress: PathProgress) -> JSONValue {
        .object([
            "path": .string(progress.path), "user": .string(progress.user),
            "steps": .array(progress.steps.map { step in
                .object(["id": .string(step.id), "done": .bool(step.done),
                         "completedAt": step.completedAt.map { .string(EpochMillis($0).iso8601) } ?? .null])
            }),
            "completed": .number(Double(progress.completed)), "total": .number(Double(progress.total)),
            "percent": number(progress.percent),
        ])
    }

    public static func statistics(_ statistics: PathStatistics) -> JSONValue {
        .object([
            "path": .string(statistics.path),
            "steps": .array(statistics.steps.map { .object(["id": .string($0.id), "completed": .number(Double($0.completed))]) }),
            "finished": .number(Double(statistics.finished)),
            "medianSecondsToComplete": statistics.medianMillisToComplete.map { .number(Double($0 / 1000)) } ?? .null,
        ])
    }
}
