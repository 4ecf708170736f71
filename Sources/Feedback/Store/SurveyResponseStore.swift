import FoyerCore
import SQLKit

/// Survey responses: at most one per person and survey window, answered or dismissed.
public struct SurveyResponseStore: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    /// Records `response` to `survey`'s current window; a second one from the same person is a
    /// conflict, except answers after a dismissal, which replace it.
    public func record(_ response: SurveyResponse, to survey: Survey) async throws {
        let id = SortableID.make()
        let answers = JSONValue.object(response.answers.mapValues(\.json)).jsonText()
        try await database.sql.insert(into: "feedback_survey_responses")
            .columns("id", "survey", "window_start", "person", "at", "dismissed", "answers")
            .values(SQLBind(id), SQLBind(survey.name), SQLBind(survey.start.number), SQLBind(response.person), SQLBind(response.at),
                    SQLBind(response.dismissed ? 1 : 0), SQLBind(answers))
            .ignoringConflicts(with: ["survey", "window_start", "person"])
            .run()
        // The unique index kept the first response. Answers may still replace a dismissal ("not now"
        // is not "never"); anything else is a second response.
        guard let kept = try await database.sql.raw("""
            SELECT id, dismissed FROM feedback_survey_responses
            WHERE survey = \(bind: survey.name) AND window_start = \(bind: survey.start.number) AND person = \(bind: response.person)
            """).first() else { throw FoyerError.database("the response to survey \(survey.name) was not stored") }
        let keptID = try kept.decode(column: "id", as: String.self)
        guard keptID != id else { return }
        guard try kept.decode(column: "dismissed", as: Int.self) != 0, !response.dismissed else {
            throw FoyerError(.conflict, "\(response.person) has already responded to survey \(survey.name) in this window")
        }
        try await database.sql.update("feedback_survey_responses")
            .set("dismissed", to: 0).set("answers", to: answers).set("at", to: response.at)
            .where("id", .equal, keptID).where("dismissed", .equal, 1)
            .run()
    }

    /// Every response to `survey`'s current window, oldest first.
    public func responses(to survey: Survey) async throws -> [SurveyResponse] {
        try await database.sql.raw("""
            SELECT person, at, dismissed, answers FROM feedback_survey_responses
            WHERE survey = \(bind: survey.name) AND window_start = \(bind: survey.start.number) ORDER BY at, id
            """).all().map { row in
            let stored = JSONValue.parse(jsonText: try row.decode(column: "answers", as: String.self))?.objectValue ?? [:]
            return SurveyResponse(person: try row.decode(column: "person", as: String.self), at: try row.decode(column: "at", as: Int64.self),
                                  dismissed: try row.decode(column: "dismissed", as: Int.self) != 0, answers: survey.answers(from: stored))
        }
    }

    /// Everything `person` answered or dismissed, for eligibility and the frequency cap.
    public func history(of person: String) async throws -> [PastResponse] {
        try await database.sql.raw("""
            SELECT survey, window_start, at, dismissed FROM feedback_survey_responses WHERE person = \(bind: person) ORDER BY at
            """).all().map { row in
            PastResponse(survey: try row.decode(column: "survey", as: String.self), windowStart: Day(try row.decode(column: "window_start", as: Int.self)),
                         at: try row.decode(column: "at", as: Int64.self), dismissed: try row.decode(column: "dismissed", as: Int.self) != 0)
        }
    }
}

extension Survey {
    /// Stored answers read back by their questions' types; answers to questions no longer asked are dropped.
    func answers(from stored: [String: JSONValue]) -> [String: SurveyAnswer] {
        var answers: [String: SurveyAnswer] = [:]
        for (id, value) in stored {
            guard let question = question(id), case .success(let answer) = question.check(value) else { continue }
            answers[id] = answer
        }
        return answers
    }
}
