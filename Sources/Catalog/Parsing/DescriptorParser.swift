import Foundation
import FoyerCore
import Yams

/// One YAML or JSON document of a descriptor file, with the line of every field for error messages.
public struct ParsedDocument: Sendable {
    public let document: JSONValue
    /// Line where the document starts (1-based).
    public let line: Int
    let fields: FieldLines

    /// Line of each field by path, e.g. `metadata.name` or `spec.providesApis[0]`.
    public var fieldLines: [String: Int] { fields.byPath }

    /// The line of `field`, else of its nearest parent that has one, else of the document.
    public func line(of field: String?) -> Int {
        line(of: field, in: fieldLines)
    }

    /// `line(of:)` with `fieldLines` spelt out once by the caller, for many fields of one document.
    func line(of field: String?, in lines: [String: Int]) -> Int {
        guard var path = field else { return line }
        while true {
            if let found = lines[path] { return found }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return line }
            path = String(path[..<cut])
        }
    }
}

/// The lines of a document's fields, recorded while it is converted as steps (a member or an index
/// under an earlier step): paths are spelt out only when a line is looked up, which only a problem does.
struct FieldLines: Sendable {
    struct Step: Sendable {
        /// The step this one is under; -1 for a top-level field.
        let parent: Int
        /// The member's key; nil for an array item, which has `index`.
        let member: String?
        let index: Int
        let line: Int
    }

    private(set) var steps: [Step] = []
    /// Added to every line, for a document read from a piece of its file.
    var lineOffset = 0

    /// Records a field under step `parent` (-1 for the document) and returns its step number.
    mutating func add(under parent: Int, member: String?, index: Int, line: Int) -> Int {
        steps.append(Step(parent: parent, member: member, index: index, line: line))
        return steps.count - 1
    }

    /// Every field's path and line; where two fields spell the same path, the first one's line.
    var byPath: [String: Int] {
        var paths: [String] = []
        paths.reserveCapacity(steps.count)
        var lines: [String: Int] = [:]
        for step in steps {
            // A step comes after the one it is under, whose path is therefore already spelt out.
            let parentPath = step.parent >= 0 ? paths[step.parent] : ""
            let path = step.member.map { parentPath.isEmpty ? $0 : parentPath + "." + $0 } ?? "\(parentPath)[\(step.index)]"
            paths.append(path)
            if !path.isEmpty, lines[path] == nil { lines[path] = step.line + lineOffset }
        }
        return lines
    }
}

/// Reads descriptor files: multi-document YAML, or JSON (which YAML reads too), within limits.
public enum DescriptorParser {
    /// Every document of `text`; syntax errors and limit breaches come back as problems, never thrown.
    /// A syntax error costs only the document it is in: the file is then read again document by document.
    public static func parse(_ text: String, file: String, limits: DescriptorLimits = .standard) -> (documents: [ParsedDocument], problems: [CatalogProblem]) {
        guard text.utf8.count <= limits.maxFileBytes else {
            return ([], [CatalogProblem(file: file, line: 0, entityRef: nil, field: nil, message: "file is \(text.utf8.count) bytes; the limit is \(limits.maxFileBytes)")])
        }
        let whole = parseStream(text, file: file, limits: limits)
        guard whole.hasSyntaxError else { return (whole.documents, whole.problems) }
        var documents: [ParsedDocument] = []
        var problems: [CatalogProblem] = []
        for (chunk, firstLine) in Self.documentChunks(text) {
            guard documents.count < limits.maxDocuments else {
                problems.append(CatalogProblem(file: file, line: firstLine, entityRef: nil, field: nil,
                                               message: "file holds more than \(limits.maxDocuments) documents; the rest are ignored"))
                break
            }
            let part = parseStream(chunk, file: file, limits: limits, lineOffset: firstLine - 1, maxDocuments: limits.maxDocuments - documents.count)
            documents += part.documents
            problems += part.problems
        }
        return (documents, problems)
    }

    /// `text` cut before every `---` line (YAML forbids one at the start of a line inside a
    /// document), with the line each piece starts on; `%` directives go with the document after
    /// them, and pieces holding nothing but markers, directives and comments are left out.
    static func documentChunks(_ text: String) -> [(text: String, line: Int)] {
        // Split on the byte: in Swift "\r\n" is one Character, which a split on "\n" would not cut.
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        func starts(_ line: String, with marker: String) -> Bool {
            line.hasPrefix(marker) && (line.utf8.count == marker.utf8.count || [" ", "\t", "\r"].contains(line.dropFirst(marker.count).first))
        }
        func holdsContent(_ chunk: ArraySlice<String>) -> Bool {
            chunk.contains { line in
                let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
                return !trimmed.isEmpty && !trimmed.hasPrefix("#") && !line.hasPrefix("%") && !starts(line, with: "---") && !starts(line, with: "...")
            }
        }
        var chunks: [(text: String, line: Int)] = []
        var start = 0
        for index in lines.indices where index > start && starts(lines[index], with: "---") {
            var cut = index
            while cut > start, lines[cut - 1].hasPrefix("%") { cut -= 1 }
            if holdsContent(lines[start..<cut]) { chunks.append((lines[start..<cut].joined(separator: "\n"), start + 1)) }
            start = cut
        }
        if holdsContent(lines[start...]) { chunks.append((lines[start...].joined(separator: "\n"), start + 1)) }
        return chunks
    }

    /// Reads a stream of documents, numbering lines from `lineOffset + 1`.
    private static func parseStream(_ text: String, file: String, limits: DescriptorLimits, lineOffset: Int = 0, maxDocuments: Int? = nil)
        -> (documents: [ParsedDocument], problems: [CatalogProblem], hasSyntaxError: Bool) {
        func problem(_ line: Int, _ message: String) -> CatalogProblem {
            CatalogProblem(file: file, line: line == 0 ? 0 : line + lineOffset, entityRef: nil, field: nil, message: message)
        }
        let maxDocuments = maxDocuments ?? limits.maxDocuments
        var documents: [ParsedDocument] = []
        var problems: [CatalogProblem] = []
        var hasSyntaxError = false
        do {
            let parser = try Parser(yaml: text, resolver: .basic)
            while let root = try parser.nextRoot() {
                guard documents.count < maxDocuments else {
                    problems.append(problem(root.mark?.line ?? 0, "file holds more than \(limits.maxDocuments) documents; the rest are ignored"))
                    break
                }
                var converter = NodeConverter(limits: limits)
                do {
                    let value = try converter.convert(root, depth: 0)
                    if case .null = value { continue }
                    converter.fieldLines.lineOffset = lineOffset
                    documents.append(ParsedDocument(document: value, line: (root.mark?.line ?? 1) + lineOffset, fields: converter.fieldLines))
                } catch let error as ConversionError {
                    problems.append(problem(error.line, error.message))
                }
            }
        } catch let error as YamlError {
            hasSyntaxError = true
            problems.append(problem(Self.line(of: error), "invalid YAML: \(Self.describe(error))"))
        } catch {
            hasSyntaxError = true
            problems.append(problem(0, "invalid YAML: \(error)"))
        }
        return (documents, problems, hasSyntaxError)
    }

    static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: 0
        }
    }

    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        case .duplicatedKeysInMapping(let duplicates, _):
            "duplicate keys: \(duplicates.joined(separator: ", "))"
        case .reader(let problem, _, _, _):
            problem
        default:
            String("\(error)".prefix(200))
        }
    }
}

struct ConversionError: Error {
    let line: Int
    let message: String
}

/// Turns a Yams node tree into `JSONValue`, counting nodes (aliases included) and depth.
struct NodeConverter {
    let limits: DescriptorLimits
    var nodes = 0
    var fieldLines = FieldLines()

    /// `field`: where this node sits (its parent step and its key or index), nil for the document.
    /// `keyLine` is the line of the key naming this value, which is where people look for a field.
    mutating func convert(_ node: Node, field: (parent: Int, member: String?, index: Int)? = nil, depth: Int, keyLine: Int? = nil) throws -> JSONValue {
        nodes += 1
        let line = keyLine ?? node.mark?.line ?? 0
        guard nodes <= limits.maxNodesPerDocument else {
            throw ConversionError(line: line, message: "document expands to more than \(limits.maxNodesPerDocument) values (alias expansion?)")
        }
        guard depth <= limits.maxDepth else {
            throw ConversionError(line: line, message: "document nests deeper than \(limits.maxDepth) levels")
        }
        let step = field.map { fieldLines.add(under: $0.parent, member: $0.member, index: $0.index, line: line) } ?? -1
        switch node {
        case .scalar(let scalar):
            return scalar.style == .plain ? ScalarResolver.resolve(plain: scalar.string) : .string(scalar.string)
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            members.reserveCapacity(mapping.count)
            for (keyNode, valueNode) in mapping {
                guard case .scalar(let keyScalar) = keyNode else {
                    throw ConversionError(line: keyNode.mark?.line ?? line, message: "mapping keys must be plain strings")
                }
                let key = keyScalar.string
                guard members[key] == nil else {
                    throw ConversionError(line: keyNode.mark?.line ?? line, message: "duplicate key '\(key)'")
                }
                members[key] = try convert(valueNode, field: (step, key, 0), depth: depth + 1, keyLine: keyNode.mark?.line)
            }
            return .object(members)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            items.reserveCapacity(sequence.count)
            for (index, item) in sequence.enumerated() {
                items.append(try convert(item, field: (step, nil, index), depth: depth + 1))
            }
            return .array(items)
        case .alias:
            throw ConversionError(line: line, message: "unresolved YAML alias")
        }
    }
}
