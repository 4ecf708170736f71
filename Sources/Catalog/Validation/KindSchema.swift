/// The `spec` fields a kind requires and the shapes of the fields it knows, after Backstage's kind schemas.
public struct KindSchema: Sendable {
    public enum FieldShape: Sendable {
        case string
        case stringArray
        case object
        case array
    }

    public let kind: String
    public let apiVersions: Set<String>
    /// When set, this schema applies only to entities whose `spec.type` is this value.
    public let specType: String?
    public let required: [String]
    public let fields: [String: FieldShape]

    public init(kind: String, apiVersions: Set<String>, specType: String? = nil, required: [String], fields: [String: FieldShape]) {
        self.kind = kind
        self.apiVersions = apiVersions
        self.specType = specType
        self.required = required
        self.fields = fields
    }

    /// The schema for `entity` among a kind's schemas: matching apiVersion, the `spec.type` variant first.
    static func select(for entity: Entity, from schemas: [KindSchema]) -> KindSchema? {
        let candidates = schemas.filter { $0.apiVersions.contains(entity.apiVersion) }
        let type = entity.spec["type"]?.stringValue
        return candidates.first { $0.specType != nil && $0.specType == type } ?? candidates.first { $0.specType == nil }
    }

    static let backstage: Set<String> = ["backstage.io/v1alpha1", "backstage.io/v1beta1"]

    static let apiFields: [String: FieldShape] = [
        "type": .string, "lifecycle": .string, "owner": .string, "system": .string, "definition": .string]
    static let aiResourceFields: [String: FieldShape] = ["type": .string, "lifecycle": .string, "owner": .string, "system": .string]
    static let remoteAPIFields: [String: FieldShape] = [
        "type": .string, "lifecycle": .string, "owner": .string, "system": .string, "remotes": .array]

    /// Backstage's kinds, keyed by lowercased kind; a kind may have several (by apiVersion or `spec.type`).
    public static let core: [String: [KindSchema]] = {
        let schemas = [
            KindSchema(kind: "Component", apiVersions: backstage, required: ["type", "lifecycle", "owner"], fields: [
                "type": .string, "lifecycle": .string, "owner": .string, "system": .string, "subcomponentOf": .string,
                "providesApis": .stringArray, "consumesApis": .stringArray, "dependsOn": .stringArray, "dependencyOf": .stringArray]),
            KindSchema(kind: "API", apiVersions: backstage, required: ["type", "lifecycle", "owner", "definition"], fields: apiFields),
            KindSchema(kind: "API", apiVersions: backstage, specType: "mcp-server", required: ["type", "lifecycle", "owner", "remotes"], fields: remoteAPIFields),
            KindSchema(kind: "API", apiVersions: backstage, specType: "ai-model-server", required: ["type", "lifecycle", "owner", "remotes"], fields: remoteAPIFields),
            KindSchema(kind: "API", apiVersions: ["backstage.io/v1alpha2"], required: ["type", "lifecycle", "owner", "definition"], fields: apiFields),
            KindSchema(kind: "API", apiVersions: ["backstage.io/v1alpha2"], specType: "mcp-server", required: ["type", "lifecycle", "owner", "remotes"],
                       fields: remoteAPIFields),
            KindSchema(kind: "AiResource", apiVersions: ["backstage.io/v1alpha1"], required: ["type", "lifecycle", "owner"], fields: aiResourceFields),
            KindSchema(kind: "AiResource", apiVersions: ["backstage.io/v1alpha1"], specType: "rule", required: ["type", "lifecycle", "owner", "category", "rationale"],
                       fields: aiResourceFields.merging(["category": .string, "rationale": .string]) { $1 }),
            KindSchema(kind: "AiResource", apiVersions: ["backstage.io/v1alpha1"], specType: "plugin", required: ["type", "lifecycle", "owner", "skills"],
                       fields: aiResourceFields.merging(["skills": .stringArray]) { $1 }),
            KindSchema(kind: "AiResource", apiVersions: ["backstage.io/v1alpha1"], specType: "marketplace", required: ["type", "lifecycle", "owner", "plugins"],
                       fields: aiResourceFields.merging(["plugins": .stringArray]) { $1 }),
            KindSchema(kind: "Environment", apiVersions: ["backstage.io/v1alpha1"], required: ["lifecycle"], fields: [
                "lifecycle": .string, "owner": .string]),
            KindSchema(kind: "Resource", apiVersions: backstage, required: ["type", "owner"], fields: [
                "type": .string, "owner": .string, "system": .string, "dependsOn": .stringArray, "dependencyOf": .stringArray]),
            KindSchema(kind: "System", apiVersions: backstage, required: ["owner"], fields: [
                "owner": .string, "domain": .string]),
            KindSchema(kind: "Domain", apiVersions: backstage, required: ["owner"], fields: [
                "owner": .string, "subdomainOf": .string]),
            KindSchema(kind: "Group", apiVersions: backstage, required: ["type", "children"], fields: [
                "type": .string, "profile": .object, "parent": .string, "children": .stringArray, "members": .stringArray]),
            KindSchema(kind: "User", apiVersions: backstage, required: ["memberOf"], fields: [
                "profile": .object, "memberOf": .stringArray]),
            KindSchema(kind: "Location", apiVersions: backstage, required: [], fields: [
                "type": .string, "target": .string, "targets": .stringArray]),
            KindSchema(kind: "Template", apiVersions: ["scaffolder.backstage.io/v1beta3", "backstage.io/v1beta3"], required: ["type", "steps"], fields: [
                "type": .string, "steps": .array, "output": .object, "owner": .string]),
        ]
        return Dictionary(grouping: schemas, by: { $0.kind.lowercased() })
    }()
}
