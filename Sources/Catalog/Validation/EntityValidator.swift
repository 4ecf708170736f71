import Foundation
import FoyerCore

/// A problem found in one entity, before it is placed in a file: the field and what is wrong.
public struct FieldProblem: Sendable, Hashable {
    public let field: String?
    public let message: String

    public init(_ field: String?, _ message: String) {
        self.field = field
        self.message = message
    }
}

/// Validation for a kind Backstage does not define, such as Foyer's `foyer.dev/v1alpha1` kinds.
public protocol CustomKindValidator: Sendable {
    /// Lowercased kind this validator owns.
    var kind: String { get }
    func validate(_ entity: Entity) -> [FieldProblem]
}

/// Backstage's validation of a whole entity: envelope, metadata, then the kind's own rules.
public struct EntityValidator: Sendable {
    public let customKinds: [String: any CustomKindValidator]

    public init(customKinds: [any CustomKindValidator] = []) {
        self.customKinds = Dictionary(customKinds.map { ($0.kind.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every problem of `document`; an empty list means the entity is valid.
    public func validate(_ document: JSONValue) -> [FieldProblem] {
        guard let root = document.objectValue else {
            return [FieldProblem(nil, "a document must be a mapping with apiVersion, kind, metadata and spec")]
        }
        var problems: [FieldProblem] = []
        for key in root.keys.sorted() where !["apiVersion", "kind", "metadata", "spec"].contains(key) {
            problems.append(FieldProblem(key, "unknown root field '\(key)' (allowed: apiVersion, kind, metadata, spec)"))
        }
        problems += validateEnvelope(root)
        guard let metadata = root["metadata"]?.objectValue else {
            problems.append(FieldProblem("metadata", root["metadata"] == nil ? "is required" : "must be a mapping"))
            return problems
        }
        problems += MetadataRules.validate(metadata)
        if let spec = root["spec"], spec.objectValue == nil {
            problems.append(FieldProblem("spec", "must be a mapping"))
        } else if let spec = root["spec"]?.objectValue {
            for key in spec.keys.sorted() where NameRules.reservedKeys.contains(key) {
                problems.append(FieldProblem("spec.\(key)", "'\(key)' is a reserved key and may not be used in spec"))
            }
        }
        guard problems.isEmpty, let kind = root["kind"]?.stringValue else { return problems }
        let entity = Entity(document: document)
        if let schemas = KindSchema.core[kind.lowercased()] {
            guard let schema = KindSchema.select(for: entity, from: schemas) else {
                let expected = Set(schemas.flatMap(\.apiVersions)).sorted().joined(separator: " or ")
                return [FieldProblem("apiVersion", "\(schemas[0].kind) needs apiVersion \(expected), not '\(entity.apiVersion)'")]
            }
            problems += validate(entity, against: schema)
        } else if let custom = customKinds[kind.lowercased()] {
            problems += custom.validate(entity)
        }
        return problems
    }

    private func validateEnvelope(_ root: [String: JSONValue]) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        switch root["apiVersion"] {
        case nil: problems.append(FieldProblem("apiVersion", "is required"))
        case .string(let apiVersion) where NameRules.isValidAPIVersion(apiVersion): break
        case let value?: problems.append(FieldProblem("apiVersion", "'\(value.scalarText ?? value.typeName)' is not a valid apiVersion (expected [group/]version, e.g. backstage.io/v1alpha1)"))
        }
        switch root["kind"] {
        case nil: problems.append(FieldProblem("kind", "is required"))
        case .string(let kind) where NameRules.isValidKind(kind): break
        case let value?: problems.append(FieldProblem("kind", "'\(value.scalarText ?? value.typeName)' is not a valid kind (1-63 letters and digits, a letter first)"))
        }
        return problems
    }

    private func validate(_ entity: Entity, against schema: KindSchema) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        // Every kind schema of Backstage requires `spec`, even Location's, whose own fields are all optional.
        guard let given = entity.document["spec"] else { return [FieldProblem("spec", "is required for kind \(schema.kind)")] }
        guard given.objectValue != nil else { return [] }  // reported with the envelope
        let spec = entity.spec
        for field in schema.required where spec[field] == nil {
            problems.append(FieldProblem("spec.\(field)", "is required for kind \(schema.kind)"))
        }
        for (field, shape) in schema.fields.sorted(by: { $0.key < $1.key }) {
            guard let value = spec[field] else { continue }
            if let message = Self.shapeProblem(value, shape) {
                problems.append(FieldProblem("spec.\(field)", message))
            }
        }
        return problems
    }

    static func shapeProblem(_ value: JSONValue, _ shape: KindSchema.FieldShape) -> String? {
        switch (shape, value) {
        case (.string, .string(let text)): return text.isEmpty ? "must not be empty" : nil
        case (.string, _): return "must be a string, not \(value.typeName)"
        case (.stringArray, .array(let items)):
            for (index, item) in items.enumerated() {
                guard case .string(let text) = item, !text.isEmpty else { return "item \(index) must be a non-empty string" }
            }
            return nil
        case (.stringArray, _): return "must be a list, not \(value.typeName)"
        case (.array, _) where value.arrayValue == nil: return "must be a list, not \(value.typeName)"
        case (.object, _) where value.objectValue == nil: return "must be a mapping, not \(value.typeName)"
        default: return nil
        }
    }
}

/// Rules for `metadata`: name, namespace, labels, annotations, tags, links, title, description.
enum MetadataRules {
    static func validate(_ metadata: [String: JSONValue]) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        switch metadata["name"] {
        case nil: problems.append(FieldProblem("metadata.name", "is required"))
        case .string(let name) where NameRules.isValidName(name): break
        case let value?:
            problems.append(FieldProblem("metadata.name", "'\(value.scalarText ?? value.typeName)' is not a valid name (1-63 characters [A-Za-z0-9] at both ends, [-A-Za-z0-9_.] between)"))
        }
        if let namespace = metadata["namespace"] {
            if case .string(let text) = namespace, NameRules.isValidDNSLabel(text) {} else {
                problems.append(FieldProblem("metadata.namespace", "'\(namespace.scalarText ?? namespace.typeName)' is not a valid namespace (lowercase letters, digits and single dashes, 1-63 characters)"))
            }
        }
        for field in ["title", "description"] {
            if let value = metadata[field], value.stringValue == nil {
                problems.append(FieldProblem("metadata.\(field)", "must be a string, not \(value.typeName)"))
            }
        }
        problems += validateKeyValues(metadata["labels"], field: "metadata.labels", valueRule: NameRules.isValidLabelValue)
        problems += validateKeyValues(metadata["annotations"], field: "metadata.annotations", valueRule: { _ in true })
        problems += validateTags(metadata["tags"])
        problems += validateLinks(metadata["links"])
        return problems
    }

    static func validateKeyValues(_ value: JSONValue?, field: String, valueRule: (String) -> Bool) -> [FieldProblem] {
        guard let value else { return [] }
        guard let members = value.objectValue else { return [FieldProblem(field, "must be a mapping, not \(value.typeName)")] }
        var problems: [FieldProblem] = []
        for (key, member) in members.sorted(by: { $0.key < $1.key }) {
            let path = "\(field).\(key)"
            if NameRules.reservedKeys.contains(key) {
                problems.append(FieldProblem(path, "'\(key)' is a reserved key"))
            } else if !NameRules.isValidKey(key) {
                problems.append(FieldProblem(path, "'\(key)' is not a valid key ([prefix/]name, prefix a DNS subdomain)"))
            }
            guard case .string(let text) = member else {
                problems.append(FieldProblem(path, "value must be a string, not \(member.typeName)"))
                continue
            }
            if !valueRule(text) {
                problems.append(FieldProblem(path, "'\(text)' is not a valid value (empty, or 1-63 characters [A-Za-z0-9] at both ends, [-A-Za-z0-9_.] between)"))
            }
        }
        return problems
    }

    static func validateTags(_ value: JSONValue?) -> [FieldProblem] {
        guard let value else { return [] }
        guard let items = value.arrayValue else { return [FieldProblem("metadata.tags", "must be a list, not \(value.typeName)")] }
        return items.enumerated().compactMap { index, item in
            if case .string(let tag) = item, NameRules.isValidTag(tag) { return nil }
            return FieldProblem("metadata.tags[\(index)]", "'\(item.scalarText ?? item.typeName)' is not a valid tag (lowercase [a-z0-9:+#] groups joined by single dashes, 1-63 characters)")
        }
    }

    static func validateLinks(_ value: JSONValue?) -> [FieldProblem] {
        guard let value else { return [] }
        guard let items = value.arrayValue else { return [FieldProblem("metadata.links", "must be a list, not \(value.typeName)")] }
        var problems: [FieldProblem] = []
        for (index, item) in items.enumerated() {
            let path = "metadata.links[\(index)]"
            guard let link = item.objectValue else {
                problems.append(FieldProblem(path, "must be a mapping with a url"))
                continue
            }
            if let url = link["url"]?.stringValue {
                if !isValidURL(url) { problems.append(FieldProblem("\(path).url", "'\(url)' is not a valid URL")) }
            } else {
                problems.append(FieldProblem("\(path).url", link["url"] == nil ? "is required" : "must be a string"))
            }
            // As Backstage's FieldFormatEntityPolicy: a title is a non-blank string, an icon a name.
            if let title = link["title"], (title.stringValue ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append(FieldProblem("\(path).title", "must be a non-empty string"))
            }
            if let icon = link["icon"], !(icon.stringValue.map(NameRules.isValidName) ?? false) {
                problems.append(FieldProblem("\(path).icon", "must be a name such as 'dashboard' (letters, digits, and - _ . between)"))
            }
        }
        return problems
    }

    /// An absolute URL with a scheme, as `new URL()` in Backstage would accept.
    static func isValidURL(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme, !scheme.isEmpty else { return false }
        return components.host?.isEmpty == false || !components.path.isEmpty
    }
}
