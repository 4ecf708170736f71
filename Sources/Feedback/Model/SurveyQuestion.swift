import Catalog
import EntityRules
import FoyerCore

/// One question of a survey: `nps` (0–10), `rating` (1–5), `choice` (one of `options`) or free `text`.
public struct SurveyQuestion: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case nps, rating, choice, text
    }

    public let id: String
    public let kind: Kind
    public let text: String
    /// The choices of a `choice` question, in the order shown; empty for the others.
    public let options: [String]
    public let required: Bool

    /// Longest free-text answer or comment kept.
    public static let maxAnswerLength = 4000

    static let fields: Set<String> = ["id", "type", "text", "options", "required"]

    /// Reads the question at `field` (`spec.questions[2]`), reporting every bad field.
    static func parse(_ value: JSONValue, field: String, fields: inout DescriptorFields) -> SurveyQuestion? {
        guard case .object(let members) = value else {
            fields.report(field, "must be a map with id, type and text (got \(value.typeName))")
            return nil
        }
        fields.rejectUnknownKeys(members, allowed: Self.fields, in: field)
        let id = fields.string(members["id"], "\(field).id", required: true, maxLength: 63)
        if let id, !isIdentifier(id) {
            fields.report("\(field).id", "'\(id)' must be lowercase letters, digits and dashes")
        }
        let typeText = fields.string(members["type"], "\(field).type", required: true, maxLength: 20)
        let kind = typeText.flatMap { Kind(rawValue: $0.lowercased()) }
        if let typeText, kind == nil {
            fields.report("\(field).type", "'\(typeText)' is not a question type (allowed: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let text = fields.string(members["text"], "\(field).text", required: true, maxLength: 500)
        let options = Self.options(members["options"], field: "\(field).options", kind: kind, fields: &fields)
        let required = fields.bool(members["required"], "\(field).required")
        guard let id, isIdentifier(id), let kind, let text, let options else { return nil }
        return SurveyQuestion(id: id, kind: kind, text: text, options: options, required: required)
    }

    private static func options(_ value: JSONValue?, field: String, kind: Kind?, fields: inout DescriptorFields) -> [String]? {
        guard kind == .choice else {
            if value != nil, kind != nil { fields.report(field, "is only for choice questions") }
            return []
        }
        guard case .array(let items)? = value, (2...20).contains(items.count) else {
            fields.report(field, "must list 2 to 20 choices")
            return nil
        }
        var options: [String] = []
        for (index, item) in items.enumerated() {
            guard let option = fields.string(item, "\(field)[\(index)]", required: true, maxLength: 200) else { continue }
            if options.contains(option) { fields.report("\(field)[\(index)]", "'\(option)' is listed twice") }
            options.append(option)
        }
        return options.count == items.count ? options : nil
    }

    private static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    /// The answer as stored, or the reason it is not one this question takes.
    public func check(_ answer: JSONValue) -> Result<SurveyAnswer, RuleProblems> {
        let field = "answers.\(id)"
        switch (kind, answer) {
        case (.nps, .number(let score)) where score.rounded() == score && (0...10).contains(score):
            return .success(.score(Int(score)))
        case (.nps, _):
            return .failure(RuleProblems(problems: [FieldProblem(field, "must be a whole number from 0 to 10")]))
        case (.rating, .number(let score)) where score.rounded() == score && (1...5).contains(score):
            return .success(.score(Int(score)))
        case (.rating, _):
            return .failure(RuleProblems(problems: [FieldProblem(field, "must be a whole number from 1 to 5")]))
        case (.choice, .string(let option)) where options.contains(option):
            return .success(.choice(option))
        case (.choice, _):
            return .failure(RuleProblems(problems: [FieldProblem(field, "must be one of: \(options.joined(separator: ", "))")]))
        case (.text, .string(let text)) where text.count <= Self.maxAnswerLength:
            return .success(.text(text))
        case (.text, .string):
            return .failure(RuleProblems(problems: [FieldProblem(field, "must be at most \(Self.maxAnswerLength) characters")]))
        case (.text, _):
            return .failure(RuleProblems(problems: [FieldProblem(field, "must be text")]))
        }
    }
}

/// A checked answer to one question.
public enum SurveyAnswer: Sendable, Equatable {
    case score(Int)
    case choice(String)
    case text(String)

    public var json: JSONValue {
        switch self {
        case .score(let score): .number(Double(score))
        case .choice(let text), .text(let text): .string(text)
        }
    }
}
