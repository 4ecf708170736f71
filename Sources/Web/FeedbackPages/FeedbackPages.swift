import Catalog
import Feedback
import FoyerCore
import Hummingbird

/// The feedback forms and pages: rating and replying from the entity page's Feedback tab, the
/// survey list, a survey's form and results, and dismissing the survey prompt.
/// The "Was this helpful?" form under a learning step or a locked feature.
struct HelpfulForm {
    let subject: String
    /// The page (and anchor) to come back to.
    let back: String
}

struct FeedbackPages: Sendable {
    let site: Site

    var feedback: FeedbackService { site.feedback }

    func register(on router: Router<FoyerRequestContext>) {
        router.post("feedback/entities/:kind/:namespace/:name") { request, context in
            let entity = EntityRef(kind: try context.parameters.require("kind"), namespace: try context.parameters.require("namespace"),
                                   name: try context.parameters.require("name"))
            let viewer = try context.signedInPerson()
            let form = try await FormBody.read(request, context: context)
            guard let rating = form.first("rating").flatMap(Int.init) else { throw FoyerError.badRequest("Choose a rating from 1 to 5.") }
            try await feedback.rate(entity, by: viewer, rating: rating, reasons: Array(form.all("reasons").prefix(10)),
                                    comment: form.first("comment"), anonymous: form.first("anonymous") == "true", at: EpochMillis.now().value)
            return PageRenderer.redirect(to: EntityLinks.path(entity) + "?tab=feedback")
        }
        router.post("feedback/ratings/:id/replies") { request, context in
            let id = try context.parameters.require("id")
            let form = try await FormBody.read(request, context: context)
            guard let text = form.first("text"), !text.isEmpty, text.count <= SurveyQuestion.maxAnswerLength else {
                throw FoyerError.badRequest("Write a reply of at most \(SurveyQuestion.maxAnswerLength) characters.")
            }
            guard let rating = try await feedback.ratings.rating(id: id) else { throw FoyerError.notFound("There is no such rating.") }
            let author = try await context.authorizeOwner(of: rating.entity, reader: site.catalog.reader).actor
            try await feedback.ratings.reply(to: id, RatingReply(author: author, text: text, at: EpochMillis.now().value))
            return PageRenderer.redirect(to: EntityLinks.path(rating.entity) + "?tab=feedback")
        }
        router.post("feedback/helpful") { request, context in
            let viewer = try context.signedInPerson()
            let form = try await FormBody.read(request, context: context)
            guard let subject = form.first("subject"), let answer = form.first("helpful"), ["yes", "no"].contains(answer) else {
                throw FoyerError.badRequest("Answer yes or no.")
            }
            try await feedback.answerHelpful(subject: subject, by: viewer, helpful: answer == "yes", comment: form.first("comment"),
                                             at: EpochMillis.now().value)
            return PageRenderer.redirect(to: HTMLText.localPath(form.first("back")))
        }
        router.get("feedback") { request, context in try await list(request, context) }
        router.get("feedback/surveys/:name") { request, context in try await form(try context.parameters.require("name"), request: request, context) }
        router.post("feedback/surveys/:name") { request, context in
            let name = try context.parameters.require("name")
            let viewer = try context.signedInPerson()
            let survey = try await feedback.survey(name)
            let form = try await FormBody.read(request, context: context)
            var answers: [String: JSONValue] = [:]
            for question in survey.questions {
                guard let text = form.first(question.id), !text.isEmpty else { continue }
                answers[question.id] = question.kind == .nps || question.kind == .rating ? Int(text).map { .number(Double($0)) } ?? .string(text) : .string(text)
            }
            try await feedback.respond(to: survey.name, by: viewer, answers: answers, dismissed: false, at: EpochMillis.now().value)
            return PageRenderer.redirect(to: "/feedback/surveys/\(HTMLText.queryEscape(survey.name))?thanks=1")
        }
        router.post("feedback/surveys/:name/dismiss") { request, context in
            let viewer = try context.signedInPerson()
            let form = try await FormBody.read(request, context: context)
            try await feedback.respond(to: try context.parameters.require("name"), by: viewer, answers: [:], dismissed: true, at: EpochMillis.now().value)
            return PageRenderer.redirect(to: HTMLText.localPath(form.first("back")))
        }
        router.get("feedback/surveys/:name/results") { request, context in try await results(try context.parameters.require("name"), request: request, context) }
    }


    struct SurveyLine {
        let title: String
        let url: String
        let resultsURL: String
        let window: String
        let open: Bool
    }

    func list(_ request: Request, _ caller: FoyerRequestContext) async throws -> Response {
        let context = try await site.context(for: request, caller)
        let now = EpochMillis.now().value
        let lines = try await feedback.surveys().map { survey in
            SurveyLine(title: survey.title, url: "/feedback/surveys/\(HTMLText.queryEscape(survey.name))",
                       resultsURL: "/feedback/surveys/\(HTMLText.queryEscape(survey.name))/results",
                       window: "\(survey.start) to \(survey.end)", open: survey.isOpen(at: now))
        }
        struct Content { let surveys: [SurveyLine] }
        return site.renderer.response(Page(title: "Feedback", template: "feedback-surveys", content: Content(surveys: lines)), context: context)
    }

    struct Choice { let value: String; let label: String }
    struct QuestionView {
        let id: String
        let text: String
        let required: Bool
        let choices: [Choice]
        let isText: Bool
    }

    struct FormContent {
        let title: String
        let description: String?
        let action: String
        let questions: [QuestionView]
        let thanks: Bool
        let signedIn: Bool
        let status: String?
        let resultsURL: String
    }

    func form(_ name: String, request: Request, _ caller: FoyerRequestContext) async throws -> Response {
        let context = try await site.context(for: request, caller)
        let survey = try await feedback.survey(name)
        var status: String?
        var answered = false
        if let viewer = context.viewer {
            let (_, all) = try await feedback.eligibility(of: viewer.ref, at: EpochMillis.now().value)
            let mine = try await feedback.responses.history(of: viewer.ref.description).first { $0.survey == survey.name && $0.windowStart == survey.start }
            switch all.first(where: { $0.0.name == survey.name })?.1 {
            case .closed?: status = "This survey is closed."
            case .alreadyResponded? where mine?.dismissed == true: status = "You chose “not now” earlier; you can still answer."
            case .alreadyResponded?:
                // Right after answering, the thank-you note says it already.
                answered = true
                status = QueryParameters(request.uri.query).first("thanks") == nil ? "You have already answered this survey. Thank you!" : nil
            case .notInAudience?: status = "This survey is meant for other people, but you may still answer it."
            default: status = nil
            }
        }
        let questions = survey.questions.map { question in
            let choices: [Choice] = switch question.kind {
            case .nps: (0...10).map { Choice(value: String($0), label: String($0)) }
            case .rating: (1...5).map { Choice(value: String($0), label: "\($0) ★") }
            case .choice: question.options.map { Choice(value: $0, label: $0) }
            case .text: []
            }
            return QuestionView(id: question.id, text: question.text, required: question.required, choices: choices, isText: question.kind == .text)
        }
        let content = FormContent(title: survey.title, description: survey.description,
                                  action: "/feedback/surveys/\(HTMLText.queryEscape(survey.name))", questions: questions,
                                  thanks: QueryParameters(request.uri.query).first("thanks") != nil || answered, signedIn: context.viewer != nil,
                                  status: status, resultsURL: "/feedback/surveys/\(HTMLText.queryEscape(survey.name))/results")
        return site.renderer.response(Page(title: survey.title, template: "feedback-survey", content: content), context: context)
    }

    struct Count { let answer: String; let count: Int }
    struct Comments { let items: [String] }
    struct QuestionResultView {
        let text: String
        let answered: Int
        let average: String?
        let nps: String?
        let counts: [Count]
        /// Free-text answers, for text questions (which have no counts).
        let comments: Comments?
    }

    struct ResultsContent {
        let title: String
        let responses: Int
        let eligible: Int
        let dismissed: Int
        let rate: String
        let nps: String
        let questions: [QuestionResultView]
        let weeks: [WeekLine]
        let csvURL: String
        let weeksCSVURL: String
    }

    struct WeekLine { let week: String; let responses: Int; let nps: String }

    func results(_ name: String, request: Request, _ caller: FoyerRequestContext) async throws -> Response {
        let context = try await site.context(for: request, caller)
        let survey = try await feedback.survey(name)
        let results = try await feedback.results(of: survey.name)
        func score(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "—" }
        let questions = results.questions.map { question in
            QuestionResultView(text: survey.question(question.id)?.text ?? question.id, answered: question.answered,
                               average: question.average.map { String(format: "%.2f", $0) }, nps: question.nps.map { String(format: "%.1f", $0) },
                               counts: question.distribution.map { Count(answer: $0.answer, count: $0.count) },
                               comments: question.kind == .text ? Comments(items: question.comments) : nil)
        }
        let content = ResultsContent(title: survey.title, responses: results.responses, eligible: results.eligible, dismissed: results.dismissed,
                                     rate: PercentText.text(results.responseRate), nps: score(results.nps), questions: questions,
                                     weeks: results.weeks.map { WeekLine(week: $0.week.description, responses: $0.responses, nps: score($0.nps)) },
                                     csvURL: "/api/feedback/surveys/\(HTMLText.queryEscape(survey.name))/results?format=csv",
                                     weeksCSVURL: "/api/feedback/surveys/\(HTMLText.queryEscape(survey.name))/results?format=csv&table=weeks")
        return site.renderer.response(Page(title: "\(survey.title) · results", template: "feedback-results", content: content), context: context)
    }
}
