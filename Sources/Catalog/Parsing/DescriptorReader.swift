import FoyerCore

/// A valid entity read from a file, with where it was and what it points at.
public struct ReadEntity: Sendable {
    public let entity: Entity
    public let line: Int
    public let relations: [Relation]
    /// For a Location, the line of each `spec.target`/`spec.targets[i]`, so a target's problems point at it.
    public var targetLines: [String: Int] = [:]
}

/// What one descriptor file yields: its valid entities and every problem, one bad entity never hiding the others.
public struct FileReadResult: Sendable {
    public var entities: [ReadEntity] = []
    public var problems: [CatalogProblem] = []
}

/// Parse → validate → relations for one file: the pure heart of catalog ingestion.
public struct DescriptorReader: Sendable {
    public let validator: EntityValidator
    public let limits: DescriptorLimits

    public init(validator: EntityValidator = EntityValidator(), limits: DescriptorLimits = .standard) {
        self.validator = validator
        self.limits = limits
    }

    /// Reads every entity of `text`; `placeholders`, when given, resolves `$text`/`$json`/`$yaml` first.
    public func read(_ text: String, file: String, placeholders: PlaceholderResolver? = nil) -> FileReadResult {
        let parsed = DescriptorParser.parse(text, file: file, limits: limits)
        var result = FileReadResult(problems: parsed.problems)
        var positions: [EntityRef: Int] = [:]
        for document in parsed.documents {
            let refText = Self.refText(of: document.document)
            var lines: [String: Int]?
            func problem(_ field: String?, _ message: String) -> CatalogProblem {
                // Spelt out on the first problem only: most documents have none.
                let spelt = lines ?? document.fieldLines
                lines = spelt
                return CatalogProblem(file: file, line: document.line(of: field, in: spelt), entityRef: refText, field: field, message: message)
            }
            var content = document.document
            if let placeholders {
                let (resolved, placeholderProblems) = placeholders.resolve(content, descriptorFile: file)
                guard placeholderProblems.isEmpty else {
                    result.problems += placeholderProblems.map { problem($0.field, $0.message) }
                    continue
                }
                content = resolved
            }
            let entity = Entity(document: content)
            let problems = validator.validate(content)
            guard problems.isEmpty else {
                result.problems += problems.map { problem($0.field, $0.message) }
                continue
            }
            let (relations, referenceProblems) = RelationBuilder.relations(for: entity)
            guard referenceProblems.isEmpty else {
                result.problems += referenceProblems.map { problem($0.field, $0.message) }
                continue
            }
            var read = ReadEntity(entity: entity, line: document.line, relations: relations)
            if entity.kind.lowercased() == "location" {
                read.targetLines = document.fieldLines.filter { $0.key == "spec.target" || $0.key.hasPrefix("spec.targets[") }
            }
            // As Backstage: a later copy of an entity in the same file replaces the earlier one, silently.
            if let position = positions[entity.ref] {
                result.entities[position] = read
            } else {
                positions[entity.ref] = result.entities.count
                result.entities.append(read)
            }
        }
        return result
    }

    /// The entity's ref as far as it can be told from a possibly invalid document.
    static func refText(of document: JSONValue) -> String? {
        guard let kind = document["kind"]?.stringValue, let name = document["metadata"]?["name"]?.stringValue else { return nil }
        let namespace = document["metadata"]?["namespace"]?.stringValue ?? Entity.defaultNamespace
        return EntityRef(kind: kind, namespace: namespace, name: name).description
    }
}
