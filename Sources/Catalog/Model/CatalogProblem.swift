/// One thing wrong with a descriptor, placed precisely enough to fix: file, line, entity, field.
public struct CatalogProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    public let file: String
    /// 1-based; 0 when the problem concerns the whole file.
    public let line: Int
    /// `kind:namespace/name` when the entity got far enough to have one.
    public let entityRef: String?
    /// Dotted path such as `spec.owner`, or nil for the whole document.
    public let field: String?
    public let message: String

    public init(file: String, line: Int, entityRef: String?, field: String?, message: String) {
        self.file = file
        self.line = line
        self.entityRef = entityRef
        self.field = field
        self.message = message
    }

    /// `file:line: kind:namespace/name: field: message`, the format `foyer validate` prints.
    public var description: String {
        var parts = ["\(file):\(line)"]
        if let entityRef { parts.append(entityRef) }
        if let field { parts.append(field) }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}
