import Catalog
import Feedback
import FoyerCore
import Testing

@Suite struct RatingSummaryTests {
    let web = EntityRef(kind: "component", namespace: "default", name: "web")

    @Test func averageCountSpreadAndReasonsOfCurrentRatings() {
        let summary = RatingSummary(entity: web, ratings: [
            EntityRating(entity: web, person: "ana", rating: 5, at: 1),
            EntityRating(entity: web, person: "ben", rating: 2, reasons: ["missing docs", "incorrect info"], at: 2),
            EntityRating(entity: web, person: "cai", rating: 4, reasons: ["missing docs"], at: 3),
        ])
        #expect(summary.count == 3)
        #expect(summary.average == 11.0 / 3.0)
        #expect(summary.distribution == [0, 1, 0, 1, 1])
        #expect(summary.reasons == [ReasonCount(reason: "missing docs", count: 2), ReasonCount(reason: "incorrect info", count: 1)])
    }

    @Test func aReplacedRatingCountsOnceWithItsNewestValue() {
        let summary = RatingSummary(entity: web, ratings: [
            EntityRating(entity: web, person: "ana", rating: 1, reasons: ["hard to find"], at: 10),
            EntityRating(entity: web, person: "ana", rating: 5, at: 20),
            EntityRating(entity: web, person: "ben", rating: 4, at: 15),
        ])
        #expect(summary.count == 2 && summary.average == 4.5)
        #expect(summary.distribution == [0, 0, 0, 1, 1])
        #expect(summary.reasons.isEmpty)
    }

    @Test func noRatingsGiveANullAverage() {
        let other = EntityRef(kind: "component", namespace: "default", name: "api")
        let summary = RatingSummary(entity: web, ratings: [EntityRating(entity: other, person: "ana", rating: 3, at: 1)])
        #expect(summary.count == 0 && summary.average == nil && summary.distribution == [0, 0, 0, 0, 0])
    }
}

@Suite struct RatingWeekTests {
    @Test func everyRatingCountsInTheWeekItWasGivenReplacedOnesToo() {
        let web = EntityRef(kind: "component", namespace: "default", name: "web")
        // Monday 2026-11-02 and Sunday 2026-11-08 share a week; Monday 2026-11-09 starts the next.
        let weeks = RatingWeek.weeks([
            EntityRating(entity: web, person: "ana", rating: 1, at: at("2026-11-02", hour: 0)),
            EntityRating(entity: web, person: "ana", rating: 4, at: at("2026-11-08", hour: 23)),
            EntityRating(entity: web, person: "ben", rating: 5, at: at("2026-11-09", hour: 0)),
        ])
        #expect(weeks == [RatingWeek(week: Day(iso: "2026-11-02")!, ratings: 2, average: 2.5), RatingWeek(week: Day(iso: "2026-11-09")!, ratings: 1, average: 5)])
    }
}
