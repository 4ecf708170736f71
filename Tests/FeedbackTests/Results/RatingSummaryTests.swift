import Catalog
import Feedback
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
