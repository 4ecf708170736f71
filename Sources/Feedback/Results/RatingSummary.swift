import Catalog
import FoyerCore

/// One person's current rating of an entity.
public struct EntityRating: Sendable, Equatable {
    public let entity: EntityRef
    public let person: String
    /// 1–5 (thumbs are kept as 1 for down and 5 for up).
    public let rating: Int
    public let reasons: [String]
    public let comment: String?
    /// Shown to owners as "anonymous" instead of the person.
    public let anonymous: Bool
    /// Milliseconds since 1970, UTC.
    public let at: Int64

    /// Who gave the rating as a page or answer shows it: "anonymous" when they chose so, unless
    /// `revealing` (to the person themself).
    public func author(revealing: Bool) -> String { anonymous && !revealing ? "anonymous" : person }

    public init(entity: EntityRef, person: String, rating: Int, reasons: [String] = [], comment: String? = nil,
                anonymous: Bool = false, at: Int64) {
        self.entity = entity
        self.person = person
        self.rating = rating
        self.reasons = reasons
        self.comment = comment
        self.anonymous = anonymous
        self.at = at
    }
}

/// What everyone may see of an entity's ratings: average, count, spread and the reasons given.
public struct RatingSummary: Sendable, Equatable {
    public let entity: EntityRef
    /// nil without ratings.
    public let average: Double?
    public let count: Int
    /// How many ratings gave 1, 2, … 5.
    public let distribution: [Int]
    /// Each reason with how many current ratings gave it, most given first (then by name).
    public let reasons: [ReasonCount]

    /// Summarises the current ratings of `entity`: one per person, so a replaced rating counts once.
    public init(entity: EntityRef, ratings: [EntityRating]) {
        let current = Dictionary(ratings.filter { $0.entity == entity }.map { ($0.person, $0) }) { older, newer in newer.at >= older.at ? newer : older }.values
        self.entity = entity
        count = current.count
        average = Mean.of(current.map(\.rating))
        distribution = (1...5).map { score in current.count { $0.rating == score } }
        var reasons: [String: Int] = [:]
        for rating in current { for reason in Set(rating.reasons) { reasons[reason, default: 0] += 1 } }
        self.reasons = reasons.map { ReasonCount(reason: $0.key, count: $0.value) }
            .sorted { ($1.count, $0.reason) < ($0.count, $1.reason) }
    }
}

public struct ReasonCount: Sendable, Equatable {
    public let reason: String
    public let count: Int

    public init(reason: String, count: Int) {
        self.reason = reason
        self.count = count
    }
}

/// Ratings given in one ISO week (starting Monday), replaced ones included: how opinion moved.
public struct RatingWeek: Sendable, Equatable {
    public let week: Day
    public let ratings: Int
    public let average: Double

    public init(week: Day, ratings: Int, average: Double) {
        self.week = week
        self.ratings = ratings
        self.average = average
    }

    /// Every rating in `history`, grouped by the week it was given, oldest week first.
    public static func weeks(_ history: [EntityRating]) -> [RatingWeek] {
        Dictionary(grouping: history) { Day(epochMillis: $0.at).weekStart }
            .map { week, ratings in RatingWeek(week: week, ratings: ratings.count, average: Mean.of(ratings.map(\.rating)) ?? 0) }
            .sorted { $0.week < $1.week }
    }
}
