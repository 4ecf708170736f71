import Catalog
import FoyerCore

/// An API entity's definition, read for its page: the operations an OpenAPI document declares.
struct APIDefinition {
    struct Operation {
        let method: String
        let path: String
        let summary: String?
    }

    let type: String
    let text: String
    let operations: [Operation]
    /// Why operations could not be listed, when the definition does not parse.
    let problem: String?

    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
    static let maxOperations = 500

    init(type: String, text: String) {
        self.type = type
        self.text = text
        guard type.lowercased() == "openapi" else {
            operations = []
            problem = nil
            return
        }
        let parsed = DescriptorParser.parse(text, file: "definition")
        guard let document = parsed.documents.first?.document else {
            operations = []
            problem = parsed.problems.first.map { "line \($0.line): \($0.message)" } ?? "the definition is empty"
            return
        }
        var operations: [Operation] = []
        let paths = document["paths"]?.objectValue ?? [:]
        for path in paths.keys.sorted() {
            guard let item = paths[path]?.objectValue else { continue }
            for method in Self.methods {
                guard let operation = item[method], operations.count < Self.maxOperations else { continue }
                let summary = operation["summary"]?.stringValue ?? operation["operationId"]?.stringValue
                operations.append(Operation(method: method.uppercased(), path: path, summary: summary))
            }
        }
        self.operations = operations
        problem = nil
    }
}
