import Feedback
import FoyerCore
import Testing

@Suite struct SurveyResultsTests {
    func response(_ person: String, _ day: String, nps: Int? = nil, ease: Int? = nil, area: String? = nil, comment: String? = nil) -> SurveyResponse {
        var answers: [String: SurveyAnswer] = [:]
        if let nps { answers["recommend"] = .score(nps) }
        if let ease { answers["ease"] = .score(ease) }
        if let area { answers["area"] = .choice(area) }
        if let comment { answers["comment"] = .text(comment) }
        return SurveyResponse(person: person, at: at(day), dismissed: false, answers: answers)
    }

    @Test func npsIsPromotersMinusDetractorsInPercentRoundedToOneDecimal() {
        #expect(NetPromoterScore.of([Int]()) == nil)
        #expect(NetPromoterScore.of([9, 10, 10]) == 100.0)
        #expect(NetPromoterScore.of([0, 6, 3]) == -100.0)
        // 2 promoters, 1 passive, 3 detractors of 6: 33.3 − 50 = −16.7.
        #expect(NetPromoterScore.of([10, 9, 8, 6, 0, 5]) == -16.7)
        // 4 promoters, 1 detractor, 2 passives of 7: 300 / 7 = 42.857… → 42.9.
        #expect(NetPromoterScore.of([9, 9, 10, 10, 2, 7, 8]) == 42.9)
        // 1 promoter of 16 (the rest passive): 6.25 → 6.3, and the mirror image → −6.3.
        #expect(NetPromoterScore.of([10] + Array(repeating: 7, count: 15)) == 6.3)
        #expect(NetPromoterScore.of([0] + Array(repeating: 7, count: 15)) == -6.3)
    }

    @Test func resultsCountAverageAndSpreadEachQuestion() throws {
        let responses = [
            response("ana", "2026-10-05", nps: 10, ease: 4, area: "Docs", comment: "Love the docs"),
            response("ben", "2026-10-06", nps: 6, ease: 2, area: "Catalog"),
            response("cai", "2026-10-14", nps: 9, area: "Docs"),
            SurveyResponse(person: "dee", at: at("2026-10-15"), dismissed: true, answers: [:]),
        ]
        let results = SurveyResults(survey: try quarterly(), responses: responses, eligible: 8)
        #expect(results.responses == 3 && results.dismissed == 1 && results.eligible == 8)
        #expect(results.responseRate == 37.5)
        // 2 promoters and 1 detractor of 3: 33.3.
        #expect(results.nps == 33.3)
        let recommend = results.questions[0], ease = results.questions[1], area = results.questions[2], comment = results.questions[3]
        #expect(recommend.answered == 3 && recommend.average == 25.0 / 3.0)
        #expect(recommend.distribution.map(\.count) == [0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1])
        #expect(ease.answered == 2 && ease.average == 3.0 && ease.nps == nil)
        #expect(ease.distribution.map(\.answer) == ["1", "2", "3", "4", "5"] && ease.distribution.map(\.count) == [0, 1, 0, 1, 0])
        #expect(area.distribution.map(\.answer) == ["Catalog", "Docs", "Templates"] && area.distribution.map(\.count) == [1, 2, 0])
        #expect(comment.comments == ["Love the docs"] && comment.distribution.isEmpty)
        // ISO weeks: 2026-10-05 and -06 in the week of Monday 5 October, -14 in that of the 12th.
        #expect(results.weeks.map(\.week) == [Day(iso: "2026-10-05")!, Day(iso: "2026-10-12")!])
        #expect(results.weeks.map(\.responses) == [2, 1])
        #expect(results.weeks.map(\.nps) == [0.0, 100.0])
    }

    @Test func noResponsesGiveNullScoresAndNoRate() throws {
        let results = SurveyResults(survey: try quarterly(), responses: [], eligible: 0)
        #expect(results.responses == 0 && results.nps == nil && results.responseRate == nil)
        #expect(results.questions.allSatisfy { $0.answered == 0 && $0.average == nil })
        #expect(results.weeks.isEmpty)
    }
}
