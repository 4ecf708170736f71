import Catalog
import FoyerCore
import Insights

/// An entity's ratings as one viewer may see them (`FeedbackService.entityFeedback`).
public struct EntityFeedback: Sendable {
    public let summary: RatingSummary
    /// Every current rating, for the entity's owners and admins; nil for everyone else.
    public let responses: [StoredRating]?
    public let yours: StoredRating?
    public let weeks: [RatingWeek]
}

/// Entity ratings and surveys over the catalog and the stored usage events: what the API and pages ask.
public struct FeedbackService: Sendable {
    public let reader: EntityReader
    public let ratings: FeedbackStore
    public let responses: SurveyResponseStore
    public let helpful: HelpfulStore
    private var prompts: PromptCache { PromptCache.shared }
    /// Keys the shared prompt cache, so several databases (tests) never mix.
    private var database: Database.ID { ratings.database.id }
    public let events: EventHistory
    /// Account creation also starts a person's time as new.
    public let accounts: AccountStore
    /// Days after their first event (or account creation) that a person counts as new (the `newUsers` audience).
    public let newUserDays: Int
    /// The reasons a rating may give.
    public let reasons: [String]
    /// Thumbs up or down (kept as 5 and 1) instead of 1 to 5.
    public let thumbs: Bool

    public static let defaultReasons = ["incorrect info", "missing docs", "hard to find", "out of date"]

    public init(database: Database, newUserDays: Int, thumbs: Bool = false, reasons: [String]? = nil) {
        reader = EntityReader(database: database)
        ratings = FeedbackStore(database: database)
        responses = SurveyResponseStore(database: database)
        helpful = HelpfulStore(database: database)
        events = EventHistory(database: database)
        accounts = AccountStore(database: database)
        self.newUserDays = newUserDays
        self.thumbs = thumbs
        self.reasons = reasons ?? Self.defaultReasons
    }

    // MARK: Entity ratings

    /// Checks and stores `person`'s rating of `entity`, replacing their current one.
    public func rate(_ entity: EntityRef, by person: EntityRef, rating: Int, reasons given: [String], comment: String?,
                     anonymous: Bool, at now: Int64) async throws {
        guard thumbs ? [1, 5].contains(rating) : (1...5).contains(rating) else {
            throw FoyerError.badRequest(thumbs ? "rating: must be 5 (thumbs up) or 1 (thumbs down)" : "rating: must be a whole number from 1 to 5")
        }
        if let unknown = given.first(where: { !reasons.contains($0) }) {
            throw FoyerError.badRequest("reasons: '\(unknown)' is not one of: \(reasons.joined(separator: ", "))")
        }
        if let comment, comment.count > SurveyQuestion.maxAnswerLength {
            throw FoyerError.badRequest("comment: must be at most \(SurveyQuestion.maxAnswerLength) characters")
        }
        guard try await reader.entity(ref: entity) != nil else { throw FoyerError.notFound("no entity \(entity) in the catalog") }
        try await ratings.rate(EntityRating(entity: entity, person: person.description, rating: rating, reasons: Array(Set(given)).sorted(),
                                            comment: comment?.isEmpty == true ? nil : comment, anonymous: anonymous, at: now))
    }

    /// What `viewer` may see of `entity`'s ratings: the aggregate and weekly trend for everyone, every
    /// current rating for the entity's owners and admins, and the viewer's own rating with the
    /// replies to all they gave.
    public func entityFeedback(_ entity: EntityRef, viewer: EntityRef?, admin: Bool) async throws -> EntityFeedback {
        let history = try await ratings.ratings(of: entity, history: true)
        let current = history.filter(\.current)
        let mayReadComments = admin ? true : try await isOwner(viewer, of: entity)
        return EntityFeedback(summary: RatingSummary(entity: entity, ratings: current.map(\.rating)),
                              responses: mayReadComments ? current : nil,
                              yours: viewer.flatMap { history.current(of: $0.description) },
                              weeks: RatingWeek.weeks(history.map(\.rating)))
    }

    /// The rating summaries of what `group` owns (rated entities only), lowest average first: where
    /// the team's attention is wanted.
    public func teamFeedback(_ group: EntityRef) async throws -> [RatingSummary] {
        guard let stored = try await reader.entity(ref: group) else { throw FoyerError.notFound("no group \(group) in the catalog") }
        let owned = stored.relations.filter { $0.type == RelationType.ownerOf }.map(\.target)
        let ratings = try await self.ratings.currentRatings(of: owned)
        return ratings.map { RatingSummary(entity: $0.key, ratings: $0.value) }
            .sorted { ($0.average ?? 0, $0.entity.description) < ($1.average ?? 0, $1.entity.description) }
    }

    /// Whether `person` may read the comments on `entity` and reply: its owners (or admins, decided by the caller).
    public func isOwner(_ person: EntityRef?, of entity: EntityRef) async throws -> Bool {
        guard let person else { return false }
        return try await reader.isOwner(person, of: entity)
    }

    /// Records whether `subject` (`learning:<path>/<step>` or `feature:<name>`) helped `person`.
    public func answerHelpful(subject: String, by person: EntityRef, helpful: Bool, comment: String?, at now: Int64) async throws {
        let kinds = ["learning:", "feature:"]
        guard kinds.contains(where: subject.hasPrefix), subject.count <= HelpfulStore.maxSubjectLength else {
            throw FoyerError.badRequest("subject: must be learning:<path>/<step> or feature:<name>, at most \(HelpfulStore.maxSubjectLength) characters")
        }
        if let comment, comment.count > SurveyQuestion.maxAnswerLength {
            throw FoyerError.badRequest("comment: must be at most \(SurveyQuestion.maxAnswerLength) characters")
        }
        try await self.helpful.answer(subject: subject, person: person.description, helpful: helpful,
                                      comment: comment?.isEmpty == true ? nil : comment, at: now)
    }

    // MARK: Surveys

    /// Every valid survey in the catalog, by name.
    public func surveys() async throws -> [Survey] {
        let stored = try await reader.entities(EntityQuery(filter: .allOf([("kind", ["survey"])])), offset: 0, limit: nil)
        return stored.compactMap { try? Survey.parse(Entity(document: $0.body)).get() }.sorted { $0.name < $1.name }
    }

    public func survey(_ name: String) async throws -> Survey {
        guard let survey = try await surveys().first(where: { $0.name == name.lowercased() }) else {
            throw FoyerError.notFound("no survey \(name)")
        }
        return survey
    }

    /// The survey the portal's NPS is read from at `now`: of those with an `nps` question, the open
    /// one closing last, else the one that closed last; nil when there is none.
    public func portalSurvey(at now: Int64) async throws -> Survey? {
        let scored = try await surveys().filter { $0.questions.contains { $0.kind == .nps } }
        let today = Day(epochMillis: now)
        return scored.filter { $0.start <= today }.max { ($0.isOpen(at: now) ? 1 : 0, $0.end, $0.name) < ($1.isOpen(at: now) ? 1 : 0, $1.end, $1.name) }
    }

    /// What `surveys`' audiences need to know about `person`.
    func facts(for person: String, surveys: [Survey], now: Int64) async throws -> AudienceFacts {
        var visited = Set<String>(), used = Set<String>()
        for survey in surveys {
            switch survey.audience {
            case .visited(let prefix):
                if try await !events.firstOccurrences(action: "navigate", subject: prefix, prefix: true, user: person).isEmpty { visited.insert(prefix) }
            case .usedFeature(let feature):
                if try await !events.users(ofPlugin: feature, user: person).isEmpty { used.insert(feature) }
            case .everyone, .newUsers: break
            }
        }
        let started = try await events.starts(of: [person], accounts: accounts)[person]
        let isNew = started.map { $0 >= now - Int64(newUserDays) * 86_400_000 } ?? true
        return AudienceFacts(isNew: isNew, visitedPaths: visited, usedFeatures: used)
    }

    /// For `person` at `now`: each survey's eligibility, and the one to prompt with (if any). The
    /// audience, which costs queries, is looked at only for surveys that could ask now.
    public func eligibility(of person: EntityRef, at now: Int64) async throws -> (prompt: Survey?, surveys: [(Survey, Eligibility)]) {
        let surveys = try await surveys()
        let history = try await responses.history(of: person.description)
        let askable = surveys.filter { $0.timing(at: now, history: history) == nil }
        let facts = try await facts(for: person.description, surveys: askable, now: now)
        return (Survey.prompt(among: askable, at: now, facts: facts, history: history),
                surveys.map { ($0, $0.eligibility(at: now, facts: facts, history: history)) })
    }

    /// The survey to prompt `person` with on a page, worked out at most every few minutes per person
    /// (and again once they respond), since it is asked on every page view.
    public func prompt(for person: EntityRef, at now: Int64) async throws -> Survey? {
        let key = "\(database)|\(person)"
        if let cached = prompts.value(for: key, at: now) { return cached }
        let prompt = try await eligibility(of: person, at: now).prompt
        prompts.store(prompt, for: key, at: now)
        return prompt
    }

    /// Records `person`'s answers to (or dismissal of) survey `name`: 409 when it is closed or already answered.
    public func respond(to name: String, by person: EntityRef, answers: [String: JSONValue], dismissed: Bool, at now: Int64) async throws {
        let survey = try await survey(name)
        guard survey.isOpen(at: now) else { throw FoyerError(.conflict, "survey \(survey.name) is closed (open \(survey.start) to \(survey.end))") }
        var checked: [String: SurveyAnswer] = [:]
        if !dismissed {
            switch survey.check(answers) {
            case .success(let value): checked = value
            case .failure(let problems):
                throw FoyerError.badRequest(problems.problems.map { "\($0.field ?? "answers"): \($0.message)" }.joined(separator: "; "))
            }
        }
        try await responses.record(SurveyResponse(person: person.description, at: now, dismissed: dismissed, answers: checked), to: survey)
        prompts.forget("\(database)|\(person)")
    }

    /// Survey `name`'s results; eligible people are those active in the portal during its window who
    /// are in its audience, and everyone who responded.
    public func results(of name: String) async throws -> SurveyResults {
        let survey = try await survey(name)
        let all = try await responses.responses(to: survey)
        var eligible = try await events.activeUsers(from: survey.start, to: survey.end)
        switch survey.audience {
        case .everyone: break
        case .newUsers:
            let starts = try await events.starts(of: Array(eligible), accounts: accounts)
            let since = survey.start.epochMillis - Int64(newUserDays) * 86_400_000
            eligible = eligible.filter { (starts[$0] ?? .max) >= since }
        case .visited(let prefix):
            eligible.formIntersection(try await events.firstOccurrences(action: "navigate", subject: prefix, prefix: true).keys)
        case .usedFeature(let feature):
            eligible.formIntersection(try await events.users(ofPlugin: feature))
        }
        eligible.formUnion(all.map(\.person))
        return SurveyResults(survey: survey, responses: all, eligible: eligible.count)
    }
}
