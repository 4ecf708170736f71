import EntityRules
import FoyerCore

/// One person's response to a survey: their checked answers, or a dismissal.
public struct SurveyResponse: Sendable, Equatable {
    public let person: String
    /// Milliseconds since 1970, UTC.
    public let at: Int64
    public let dismissed: Bool
    public let answers: [String: SurveyAnswer]

    public init(person: String, at: Int64, dismissed: Bool, answers: [String: SurveyAnswer]) {
        self.person = person
        self.at = at
        self.dismissed = dismissed
        self.answers = answers
    }
}

/// The arithmetic mean of whole-number scores; nil without any.
public enum Mean {
    public static func of(_ scores: some Collection<Int>) -> Double? {
        scores.isEmpty ? nil : Double(scores.reduce(0, +)) / Double(scores.count)
    }
}

/// Net Promoter Score: the percentage of promoters (9–10) minus that of detractors (0–6), rounded
/// half away from zero to one decimal; nil without scores.
public enum NetPromoterScore {
    public static func of(_ scores: some Collection<Int>) -> Double? {
        let promoters = scores.count { $0 >= 9 }, detractors = scores.count { $0 <= 6 }
        guard let magnitude = Percent.of(abs(promoters - detractors), scores.count) else { return nil }
        return promoters >= detractors ? magnitude : -magnitude
    }
}

/// What a survey's responses add up to.
public struct SurveyResults: Sendable, Equatable {
    public let survey: String
    /// Responses with answers; dismissals are counted apart.
    public let responses: Int
    public let dismissed: Int
    /// People the survey could ask.
    public let eligible: Int
    /// Answered responses per eligible person, in percent; nil with nobody eligible.
    public let responseRate: Double?
    /// The score of the first `nps` question; nil when there is none or nobody answered it.
    public let nps: Double?
    public let questions: [QuestionResults]
    public let weeks: [WeekResults]

    public init(survey: Survey, responses all: [SurveyResponse], eligible: Int) {
        let answered = all.filter { !$0.dismissed }
        self.survey = survey.name
        responses = answered.count
        dismissed = all.count - answered.count
        self.eligible = eligible
        responseRate = Percent.of(min(answered.count, eligible), eligible)
        questions = survey.questions.map { question in
            QuestionResults(question: question, answers: answered.compactMap { $0.answers[question.id] })
        }
        let npsQuestion = survey.questions.first { $0.kind == .nps }
        nps = questions.first { $0.id == npsQuestion?.id }?.nps
        weeks = Dictionary(grouping: answered) { Day(epochMillis: $0.at).weekStart }
            .map { week, responses in
                WeekResults(week: week, responses: responses.count,
                            nps: npsQuestion.flatMap { question in NetPromoterScore.of(responses.compactMap { $0.answers[question.id]?.score }) })
            }
            .sorted { $0.week < $1.week }
    }
}

/// One question's answers: how many, their spread, and for scores the average (and NPS).
public struct QuestionResults: Sendable, Equatable {
    public let id: String
    public let kind: SurveyQuestion.Kind
    public let answered: Int
    /// Per possible answer in order (0–10, 1–5, or the choices), how many gave it; empty for text.
    public let distribution: [(answer: String, count: Int)]
    public let average: Double?
    public let nps: Double?
    /// Free-text answers, as given.
    public let comments: [String]

    init(question: SurveyQuestion, answers: [SurveyAnswer]) {
        id = question.id
        kind = question.kind
        answered = answers.count
        let scores = answers.compactMap(\.score)
        average = Mean.of(scores)
        nps = question.kind == .nps ? NetPromoterScore.of(scores) : nil
        switch question.kind {
        case .nps: distribution = (0...10).map { score in (String(score), scores.count { $0 == score }) }
        case .rating: distribution = (1...5).map { score in (String(score), scores.count { $0 == score }) }
        case .choice: distribution = question.options.map { option in (option, answers.count { $0 == .choice(option) }) }
        case .text: distribution = []
        }
        comments = answers.compactMap { if case .text(let text) = $0 { text } else { nil } }
    }

    public static func == (lhs: QuestionResults, rhs: QuestionResults) -> Bool {
        lhs.id == rhs.id && lhs.kind == rhs.kind && lhs.answered == rhs.answered && lhs.average == rhs.average && lhs.nps == rhs.nps
            && lhs.comments == rhs.comments && lhs.distribution.elementsEqual(rhs.distribution) { $0 == $1 }
    }
}

/// Responses of one ISO week (starting Monday).
public struct WeekResults: Sendable, Equatable {
    public let week: Day
    public let responses: Int
    public let nps: Double?
}

extension SurveyAnswer {
    /// The number given to an `nps` or `rating` question.
    public var score: Int? {
        if case .score(let score) = self { return score }
        return nil
    }
}
