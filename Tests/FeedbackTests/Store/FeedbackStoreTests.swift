import Catalog
import Feedback
import FoyerCore
import FoyerTestSupport
import Testing

/// A fresh database of the engine under test with the feedback tables.
func withFeedbackDatabase(_ body: (Database) async throws -> Void) async throws {
    try await TestDatabase.with { database in
        try await Migrator(database: database, migrations: CoreModule().migrations + FeedbackModule(catalog: CatalogModule()).migrations).migrate()
        try await body(database)
    }
}

@Suite struct FeedbackStoreTests {
    let web = EntityRef(kind: "component", namespace: "default", name: "web")

    @Test func aNewRatingReplacesThePersonsCurrentOneAndTheHistoryKeepsBoth() async throws {
        try await withFeedbackDatabase { database in
            let store = FeedbackStore(database: database)
            try await store.rate(EntityRating(entity: web, person: "user:default/ana", rating: 2, reasons: ["missing docs"], comment: "Where are the docs?", at: 10))
            try await store.rate(EntityRating(entity: web, person: "user:default/ben", rating: 4, anonymous: true, at: 20))
            try await store.rate(EntityRating(entity: web, person: "user:default/ana", rating: 5, at: 30))

            let current = try await store.ratings(of: web)
            #expect(current.map(\.rating.person) == ["user:default/ana", "user:default/ben"])
            #expect(current.map(\.rating.rating) == [5, 4])
            #expect(current[1].rating.anonymous)
            let all = try await store.ratings(of: web, history: true)
            #expect(all.map(\.rating.rating) == [5, 4, 2] && all.map(\.current) == [true, true, false])
            #expect(all[2].rating.reasons == ["missing docs"] && all[2].rating.comment == "Where are the docs?")
            #expect(RatingSummary(entity: web, ratings: current.map(\.rating)).average == 4.5)
        }
    }

    @Test func repliesAreReadWithTheRatingTheyAnswer() async throws {
        try await withFeedbackDatabase { database in
            let store = FeedbackStore(database: database)
            let id = try await store.rate(EntityRating(entity: web, person: "user:default/ana", rating: 2, comment: "<b>stale</b>", at: 10))
            try await store.reply(to: id, RatingReply(author: "user:default/owner", text: "Fixed, thanks", at: 11))
            let rating = try #require(try await store.ratings(of: web).first)
            #expect(rating.rating.comment == "<b>stale</b>")
            #expect(rating.replies == [RatingReply(author: "user:default/owner", text: "Fixed, thanks", at: 11)])
            #expect(try await store.rating(id: id)?.person == "user:default/ana")
            #expect(try await store.rating(id: "missing") == nil)
        }
    }

    @Test func answersReplaceADismissalButNotEarlierAnswers() async throws {
        try await withFeedbackDatabase { database in
            let store = SurveyResponseStore(database: database)
            let nps = try quarterly()
            try await store.record(SurveyResponse(person: "ana", at: at("2026-10-05"), dismissed: true, answers: [:]), to: nps)
            await #expect(throws: FoyerError.self) {
                try await store.record(SurveyResponse(person: "ana", at: at("2026-10-06"), dismissed: true, answers: [:]), to: nps)
            }
            try await store.record(SurveyResponse(person: "ana", at: at("2026-10-07"), dismissed: false, answers: ["recommend": .score(8)]), to: nps)
            #expect(try await store.responses(to: nps) == [SurveyResponse(person: "ana", at: at("2026-10-07"), dismissed: false, answers: ["recommend": .score(8)])])
            await #expect(throws: FoyerError.self) {
                try await store.record(SurveyResponse(person: "ana", at: at("2026-10-08"), dismissed: false, answers: ["recommend": .score(2)]), to: nps)
            }
            #expect(try await store.responses(to: nps).first?.answers == ["recommend": .score(8)])
        }
    }

    @Test func aSecondResponseInTheSameWindowIsAConflictAndTheFirstIsKept() async throws {
        try await withFeedbackDatabase { database in
            let store = SurveyResponseStore(database: database)
            let nps = try quarterly()
            try await store.record(SurveyResponse(person: "ana", at: at("2026-10-05"), dismissed: false,
                                                  answers: ["recommend": .score(9), "area": .choice("Docs"), "comment": .text("Good")]), to: nps)
            await #expect(throws: FoyerError.self) {
                try await store.record(SurveyResponse(person: "ana", at: at("2026-10-06"), dismissed: true, answers: [:]), to: nps)
            }
            try await store.record(SurveyResponse(person: "ben", at: at("2026-10-07"), dismissed: true, answers: [:]), to: nps)

            let responses = try await store.responses(to: nps)
            #expect(responses.map(\.person) == ["ana", "ben"])
            #expect(responses[0].answers == ["recommend": .score(9), "area": .choice("Docs"), "comment": .text("Good")])
            #expect(responses[1].dismissed && responses[1].answers.isEmpty)
            #expect(try await store.history(of: "ana") == [PastResponse(survey: "portal-nps", windowStart: nps.start, at: at("2026-10-05"), dismissed: false)])
            // The next quarter's window is a new survey run: ana may answer it.
            let next = try quarterly(start: "2027-01-01", end: "2027-03-31")
            try await store.record(SurveyResponse(person: "ana", at: at("2027-01-04"), dismissed: false, answers: ["recommend": .score(10)]), to: next)
            #expect(try await store.responses(to: next).count == 1)
            #expect(try await store.responses(to: nps).count == 2)
        }
    }
}
