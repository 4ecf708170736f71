import Catalog
import EntityRules
import FoyerCore

/// A survey kept as code (`kind: Survey`): its questions, who is asked, when, and how often anyone
/// may be asked at all.
public struct Survey: Sendable, Equatable {
    public let name: String
    public let title: String
    public let description: String?
    public let audience: SurveyAudience
    /// Open from the start of `start` to the end of `end` (UTC).
    public let start: Day
    public let end: Day
    /// A person who answered or dismissed any survey is not asked again for this many days.
    public let frequencyCapDays: Int
    public let questions: [SurveyQuestion]

    public static let defaultFrequencyCapDays = 30
    static let specFields: Set<String> = ["audience", "window", "frequencyCapDays", "questions"]

    public static func parse(_ entity: Entity) -> Result<Survey, RuleProblems> {
        var fields = DescriptorFields()
        let spec = entity.spec
        fields.rejectUnknownKeys(spec, allowed: specFields, in: "spec")
        let title = fields.string(entity.metadata["title"], "metadata.title", maxLength: 200)
        let description = fields.string(entity.metadata["description"], "metadata.description")
        let audience = fields.take(SurveyAudience.parse(spec["audience"], field: "spec.audience"))
        let window = spec["window"]?.objectValue ?? [:]
        if spec["window"]?.objectValue == nil { fields.report("spec.window", "is required: {start: YYYY-MM-DD, end: YYYY-MM-DD}") }
        fields.rejectUnknownKeys(window, allowed: ["start", "end"], in: "spec.window")
        let start = fields.day(window["start"], "spec.window.start")
        let end = fields.day(window["end"], "spec.window.end")
        if let start, let end, end < start { fields.report("spec.window.end", "\(end) is before the start \(start)") }
        let cap = fields.integer(spec["frequencyCapDays"], "spec.frequencyCapDays", in: 0...365) ?? defaultFrequencyCapDays
        let questions = Self.questions(spec["questions"], fields: &fields)
        guard fields.problems.isEmpty, let audience, let start, let end, let questions else {
            return .failure(RuleProblems(problems: fields.problems))
        }
        return .success(Survey(name: entity.name.lowercased(), title: title ?? entity.name, description: description, audience: audience,
                               start: start, end: end, frequencyCapDays: cap, questions: questions))
    }

    private static func questions(_ value: JSONValue?, fields: inout DescriptorFields) -> [SurveyQuestion]? {
        guard case .array(let items)? = value, (1...20).contains(items.count) else {
            fields.report("spec.questions", "must list 1 to 20 questions")
            return nil
        }
        var questions: [SurveyQuestion] = []
        for (index, item) in items.enumerated() {
            guard let question = SurveyQuestion.parse(item, field: "spec.questions[\(index)]", fields: &fields) else { continue }
            if questions.contains(where: { $0.id == question.id }) {
                fields.report("spec.questions[\(index)].id", "'\(question.id)' is used by an earlier question")
            }
            questions.append(question)
        }
        return questions.count == items.count ? questions : nil
    }

    public func question(_ id: String) -> SurveyQuestion? { questions.first { $0.id == id } }

    /// Whether the survey takes answers at `now` (milliseconds since 1970, UTC).
    public func isOpen(at now: Int64) -> Bool {
        let today = Day(epochMillis: now)
        return start <= today && today <= end
    }

    /// Checks a whole response: every answer for a known question and of its type, every required
    /// question answered. Problems name the field (`answers.<id>`).
    public func check(_ answers: [String: JSONValue]) -> Result<[String: SurveyAnswer], RuleProblems> {
        var problems: [FieldProblem] = []
        var checked: [String: SurveyAnswer] = [:]
        for (id, answer) in answers.sorted(by: { $0.key < $1.key }) {
            guard let question = question(id) else {
                problems.append(FieldProblem("answers.\(id)", "'\(id)' is not a question of survey \(name)"))
                continue
            }
            if case .null = answer { continue }
            switch question.check(answer) {
            case .success(let value): checked[id] = value
            case .failure(let failure): problems += failure.problems
            }
        }
        for question in questions where question.required && checked[question.id] == nil && !problems.contains(where: { $0.field == "answers.\(question.id)" }) {
            problems.append(FieldProblem("answers.\(question.id)", "is required"))
        }
        return problems.isEmpty ? .success(checked) : .failure(RuleProblems(problems: problems))
    }
}

/// Validates `Survey` descriptors as the catalog reads them.
public struct SurveyKind: CustomKindValidator {
    public let kind = "survey"

    public init() {}

    public func validate(_ entity: Entity) -> [FieldProblem] {
        if case .failure(let problems) = Survey.parse(entity) { return problems.problems }
        return []
    }
}
