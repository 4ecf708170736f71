import Catalog
import FoyerCore
import Hummingbird
import Insights

/// `GET|POST /api/feedback/entities/{kind}/{namespace}/{name}`, `GET /api/feedback/groups/{namespace}/{name}`,
/// `POST /api/feedback/ratings/{id}/replies`,
/// `GET|POST /api/feedback/helpful`, `GET /api/feedback/surveys`, `GET /api/feedback/surveys/eligibility`,
/// `POST /api/feedback/surveys/{name}/responses`, `GET /api/feedback/surveys/{name}/results`.
struct FeedbackController: Sendable {
    let service: FeedbackService

    func register(on router: Router<FoyerRequestContext>) {
        let group = router.group("api/feedback")
        group.get("entities/:kind/:namespace/:name") { request, context in
            let entity = try Self.entity(context)
            let query = QueryParameters(request.uri.query)
            if query.first("format") == "csv" {
                let feedback = try await service.entityFeedback(entity, viewer: nil, admin: false)
                if query.first("table") == "weeks" {
                    let rows = feedback.weeks.map { [$0.week.description, String($0.ratings), String($0.average)] }
                    return CSV.response(CSV.text(header: ["week", "ratings", "average"], rows: rows), name: "\(entity.name)-rating-weeks")
                }
                let rows = feedback.summary.distribution.enumerated().map { [String($0.offset + 1), String($0.element)] }
                return CSV.response(CSV.text(header: ["rating", "count"], rows: rows), name: "\(entity.name)-ratings")
            }
            return try await entityAnswer(entity, request: request, context: context)
        }
        group.post("entities/:kind/:namespace/:name") { request, context in
            struct Body: Decodable { let rating: Int; let reasons: [String]?; let comment: String?; let anonymous: Bool? }
            let person = try context.signedInPerson()
            let body = try await context.decode(Body.self, from: request)
            guard (body.reasons ?? []).count <= 10 else { throw FoyerError.badRequest("reasons: at most 10") }
            let entity = try Self.entity(context)
            try await service.rate(entity, by: person, rating: body.rating, reasons: body.reasons ?? [], comment: body.comment,
                                   anonymous: body.anonymous ?? false, at: EpochMillis.now().value)
            var answer = try await entityAnswer(entity, request: request, context: context)
            answer.status = .created
            return answer
        }
        group.get("groups/:namespace/:name") { request, context in
            let team = EntityRef(kind: "group", namespace: try context.parameters.require("namespace").lowercased(),
                                 name: try context.parameters.require("name"))
            let summaries = try await service.teamFeedback(team)
            if QueryParameters(request.uri.query).first("format") == "csv" {
                let rows = summaries.map { [$0.entity.description, $0.average.map { String($0) } ?? "", String($0.count)] + $0.distribution.map(String.init) }
                return CSV.response(CSV.text(header: ["entityRef", "average", "count", "1", "2", "3", "4", "5"], rows: rows), name: "\(team.name)-feedback")
            }
            return JSONBody.response(.object(["groupRef": .string(team.description),
                                              "items": .array(summaries.map { .object(FeedbackJSON.summary($0)) })]))
        }
        group.post("ratings/:id/replies") { request, context in
            struct Body: Decodable { let text: String }
            let id = try context.parameters.require("id")
            let body = try await context.decode(Body.self, from: request)
            guard !body.text.isEmpty, body.text.count <= SurveyQuestion.maxAnswerLength else {
                throw FoyerError.badRequest("text: must be 1 to \(SurveyQuestion.maxAnswerLength) characters")
            }
            guard let rating = try await service.ratings.rating(id: id) else { throw FoyerError.notFound("no rating \(id)") }
            let author = try await context.authorizeOwner(of: rating.entity, reader: service.reader).actor
            try await service.ratings.reply(to: id, RatingReply(author: author, text: body.text, at: EpochMillis.now().value))
            return Response(status: .created)
        }
        group.post("helpful") { request, context in
            struct Body: Decodable { let subject: String; let helpful: Bool; let comment: String? }
            let person = try context.signedInPerson()
            let body = try await context.decode(Body.self, from: request)
            try await service.answerHelpful(subject: body.subject, by: person, helpful: body.helpful, comment: body.comment, at: EpochMillis.now().value)
            return Response(status: .created)
        }
        group.get("helpful") { request, _ in
            // Counts for every subject starting with `subject`.
            guard let prefix = QueryParameters(request.uri.query).first("subject"), prefix.count <= HelpfulStore.maxSubjectLength else {
                throw FoyerError.badRequest("give ?subject=<subject or prefix>")
            }
            let counts = try await service.helpful.counts(prefix: prefix)
            return JSONBody.response(.object(["items": .array(counts.values.sorted { $0.subject < $1.subject }.map {
                .object(["subject": .string($0.subject), "yes": .number(Double($0.yes)), "no": .number(Double($0.no))])
            })]))
        }
        group.get("surveys") { _, _ in
            let now = EpochMillis.now().value
            return JSONBody.response(.object(["items": .array(try await service.surveys().map { FeedbackJSON.survey($0, now: now) })]))
        }
        group.get("surveys/eligibility") { _, context in
            let person = try context.signedInPerson()
            let now = EpochMillis.now().value
            let (prompt, surveys) = try await service.eligibility(of: person, at: now)
            return JSONBody.response(.object([
                "prompt": prompt.map { FeedbackJSON.survey($0, now: now) } ?? .null,
                "surveys": .array(surveys.map { survey, eligibility in
                    .object(FeedbackJSON.eligibility(eligibility).merging(["survey": .string(survey.name)]) { $1 })
                }),
            ]))
        }
        group.post("surveys/:name/responses") { request, context in
            struct Body: Decodable { let answers: [String: JSONValue]?; let dismissed: Bool? }
            let person = try context.signedInPerson()
            let body = try await context.decode(Body.self, from: request)
            let name = try context.parameters.require("name")
            let dismissed = body.dismissed ?? false
            guard dismissed || body.answers != nil else { throw FoyerError.badRequest("give answers, or dismissed: true") }
            try await service.respond(to: name, by: person, answers: body.answers ?? [:], dismissed: dismissed, at: EpochMillis.now().value)
            return JSONBody.response(.object(["survey": .string(name.lowercased()), "dismissed": .bool(dismissed)]), status: .created)
        }
        group.get("surveys/:name/results") { request, context in
            let survey = try await service.survey(try context.parameters.require("name"))
            let results = try await service.results(of: survey.name)
            let query = QueryParameters(request.uri.query)
            if query.first("format") == "csv" {
                if query.first("table") == "weeks" {
                    let rows = results.weeks.map { [$0.week.description, String($0.responses), $0.nps.map { String($0) } ?? ""] }
                    return CSV.response(CSV.text(header: ["week", "responses", "nps"], rows: rows), name: "\(survey.name)-weeks")
                }
                // One row per question and possible answer, as the results page's tables show them.
                let rows = results.questions.flatMap { question in question.distribution.map { [question.id, $0.answer, String($0.count)] } }
                return CSV.response(CSV.text(header: ["question", "answer", "count"], rows: rows), name: "\(survey.name)-results")
            }
            return JSONBody.response(FeedbackJSON.results(results, survey: survey))
        }
    }

    /// The aggregate for everyone; the responses too for the entity's owners and admins; the
    /// signed-in person's own rating with its replies.
    private func entityAnswer(_ entity: EntityRef, request: Request, context: FoyerRequestContext) async throws -> Response {
        guard try await service.reader.entity(ref: entity) != nil else { throw FoyerError.notFound("no entity \(entity) in the catalog") }
        let person = context.signedInUser.flatMap(EntityRef.parse)
        let feedback = try await service.entityFeedback(entity, viewer: person, admin: context.principal?.role == .admin)
        var members = FeedbackJSON.summary(feedback.summary)
        if let responses = feedback.responses { members["responses"] = .array(responses.map { FeedbackJSON.response($0, revealing: false) }) }
        if let own = feedback.yours { members["yours"] = FeedbackJSON.response(own, revealing: true) }
        members["reasonOptions"] = .array(service.reasons.map(JSONValue.string))
        members["scale"] = .string(service.thumbs ? "thumbs" : "stars")
        return JSONBody.response(.object(members))
    }

    private static func entity(_ context: FoyerRequestContext) throws -> EntityRef {
        EntityRef(kind: try context.parameters.require("kind").lowercased(), namespace: try context.parameters.require("namespace").lowercased(),
                  name: try context.parameters.require("name"))
    }
}
