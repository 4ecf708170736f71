import Catalog
import FoyerCore

/// The JSON shapes of the feedback API.
enum FeedbackJSON {
    static func summary(_ summary: RatingSummary) -> [String: JSONValue] {
        [
            "entityRef": .string(summary.entity.description),
            "average": summary.average.map(JSONValue.number) ?? .null,
            "count": .number(Double(summary.count)),
            "distribution": .object(Dictionary(uniqueKeysWithValues: summary.distribution.enumerated().map { (String($0.offset + 1), .number(Double($0.element))) })),
            "reasons": .array(summary.reasons.map { .object(["reason": .string($0.reason), "count": .number(Double($0.count))]) }),
        ]
    }

    /// A rating as its entity's owners see it: the person, or "anonymous" when they chose so.
    static func response(_ stored: StoredRating, revealing: Bool) -> JSONValue {
        let rating = stored.rating
        return .object([
            "id": .string(stored.id),
            "person": .string(rating.author(revealing: revealing)),
            "rating": .number(Double(rating.rating)),
            "reasons": .array(rating.reasons.map(JSONValue.string)),
            "comment": rating.comment.map(JSONValue.string) ?? .null,
            "at": .string(EpochMillis(rating.at).iso8601),
            "replies": .array(stored.replies.map { .object(["author": .string($0.author), "text": .string($0.text), "at": .string(EpochMillis($0.at).iso8601)]) }),
        ])
    }

    static func survey(_ survey: Survey, now: Int64) -> JSONValue {
        .object([
            "name": .string(survey.name),
            "title": .string(survey.title),
            "description": survey.description.map(JSONValue.string) ?? .null,
            "audience": audience(survey.audience),
            "window": .object(["start": .string(survey.start.description), "end": .string(survey.end.description)]),
            "frequencyCapDays": .number(Double(survey.frequencyCapDays)),
            "open": .bool(survey.isOpen(at: now)),
            "questions": .array(survey.questions.map { question in
                .object(["id": .string(question.id), "type": .string(question.kind.rawValue), "text": .string(question.text),
                         "options": .array(question.options.map(JSONValue.string)), "required": .bool(question.required)])
            }),
        ])
    }

    static func audience(_ audience: SurveyAudience) -> JSONValue {
        switch audience {
        case .everyone: .string("everyone")
        case .newUsers: .string("newUsers")
        case .visited(let prefix): .object(["visited": .string(prefix)])
        case .usedFeature(let feature): .object(["usedFeature": .string(feature)])
        }
    }

    static func eligibility(_ eligibility: Eligibility) -> [String: JSONValue] {
        switch eligibility {
        case .eligible: ["eligible": .bool(true)]
        case .closed: ["eligible": .bool(false), "reason": .string("closed")]
        case .notInAudience: ["eligible": .bool(false), "reason": .string("notInAudience")]
        case .alreadyResponded: ["eligible": .bool(false), "reason": .string("alreadyResponded")]
        case .askedRecently(let until): ["eligible": .bool(false), "reason": .string("askedRecently"), "askableFrom": .string(EpochMillis(until).iso8601)]
        }
    }

    /// Free-text answers come without their authors.
    static func results(_ results: SurveyResults, survey: Survey) -> JSONValue {
        .object([
            "survey": .string(results.survey),
            "responses": .number(Double(results.responses)),
            "dismissed": .number(Double(results.dismissed)),
            "eligible": .number(Double(results.eligible)),
            "responseRate": results.responseRate.map(JSONValue.number) ?? .null,
            "nps": results.nps.map(JSONValue.number) ?? .null,
            "questions": .array(results.questions.map { question in
                var members: [String: JSONValue] = [
                    "id": .string(question.id), "type": .string(question.kind.rawValue),
                    "text": .string(survey.question(question.id)?.text ?? ""),
                    "answered": .number(Double(question.answered)),
                    "average": question.average.map(JSONValue.number) ?? .null,
                    "nps": question.nps.map(JSONValue.number) ?? .null,
                    "distribution": .object(Dictionary(question.distribution.map { ($0.answer, JSONValue.number(Double($0.count))) }, uniquingKeysWith: { $1 })),
                ]
                if question.kind == .text { members["comments"] = .array(question.comments.map(JSONValue.string)) }
                return .object(members)
            }),
            "weeks": .array(results.weeks.map { .object(["week": .string($0.week.description), "responses": .number(Double($0.responses)),
                                                        "nps": $0.nps.map(JSONValue.number) ?? .null]) }),
        ])
    }
}
