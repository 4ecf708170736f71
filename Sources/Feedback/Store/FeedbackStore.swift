import Catalog
import FoyerCore
import SQLKit

/// A rating as stored: its id and the owners' replies to it, oldest first.
public struct StoredRating: Sendable, Equatable {
    public let id: String
    public let rating: EntityRating
    public let current: Bool
    public let replies: [RatingReply]
}

extension [StoredRating] {
    /// `person`'s current rating, with the owners' replies to every rating they gave (so a reply is
    /// not lost when they rate again), oldest reply first.
    public func current(of person: String) -> StoredRating? {
        guard let current = first(where: { $0.current && $0.rating.person == person }) else { return nil }
        let replies = filter { $0.rating.person == person }.flatMap(\.replies).sorted { $0.at < $1.at }
        return StoredRating(id: current.id, rating: current.rating, current: true, replies: replies)
    }
}

public struct RatingReply: Sendable, Equatable {
    public let author: String
    public let text: String
    public let at: Int64

    public init(author: String, text: String, at: Int64) {
        self.author = author
        self.text = text
        self.at = at
    }
}

/// Ratings, replies and survey responses, on either database engine.
public struct FeedbackStore: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    /// Keeps `rating` as the person's current rating of its entity; the one it replaces stays in the
    /// history. Returns the new rating's id.
    @discardableResult
    public func rate(_ rating: EntityRating) async throws -> String {
        let id = SortableID.make()
        try await database.transaction { sql in
            try await sql.update("feedback_ratings").set("current", to: 0)
                .where("entity_ref", .equal, rating.entity.description).where("person", .equal, rating.person).where("current", .equal, 1)
                .run()
            try await sql.insert(into: "feedback_ratings")
                .columns("id", "entity_ref", "person", "rating", "reasons", "comment", "anonymous", "at", "current")
                .values(SQLBind(id), SQLBind(rating.entity.description), SQLBind(rating.person), SQLBind(rating.rating),
                        SQLBind(JSONValue.array(rating.reasons.map(JSONValue.string)).jsonText()), SQLBind(rating.comment),
                        SQLBind(rating.anonymous ? 1 : 0), SQLBind(rating.at), SQLBind(1))
                .run()
        }
        return id
    }

    /// The current ratings of `entity` (one per person) with their replies, newest first; with
    /// `history`, the replaced ones too.
    public func ratings(of entity: EntityRef, history: Bool = false) async throws -> [StoredRating] {
        let ref = entity.description
        let rows = try await database.sql.raw("""
            SELECT id, entity_ref, person, rating, reasons, comment, anonymous, at, current FROM feedback_ratings
            WHERE entity_ref = \(bind: ref) \(unsafeRaw: history ? "" : "AND current = 1") ORDER BY at DESC, id DESC
            """).all()
        let replies = try await self.replies(entity: ref)
        return try rows.map { row in
            let id = try row.decode(column: "id", as: String.self)
            let reasons = JSONValue.parse(jsonText: try row.decode(column: "reasons", as: String.self))?.arrayValue?.compactMap(\.stringValue) ?? []
            let rating = EntityRating(entity: entity, person: try row.decode(column: "person", as: String.self),
                                      rating: try row.decode(column: "rating", as: Int.self), reasons: reasons,
                                      comment: try row.decode(column: "comment", as: String?.self),
                                      anonymous: try row.decode(column: "anonymous", as: Int.self) != 0, at: try row.decode(column: "at", as: Int64.self))
            return StoredRating(id: id, rating: rating, current: try row.decode(column: "current", as: Int.self) != 0, replies: replies[id] ?? [])
        }
    }

    /// The current ratings of each of `entities` (one per person), by entity.
    public func currentRatings(of entities: [EntityRef]) async throws -> [EntityRef: [EntityRating]] {
        var ratings: [EntityRef: [EntityRating]] = [:]
        for chunk in entities.map(\.description).chunked(500) {
            let rows = try await database.sql.raw("""
                SELECT entity_ref, person, rating, reasons, anonymous, at FROM feedback_ratings WHERE current = 1 AND entity_ref IN (\(binds: chunk))
                """).all()
            for row in rows {
                guard let entity = EntityRef.parse(try row.decode(column: "entity_ref", as: String.self)) else { continue }
                let reasons = JSONValue.parse(jsonText: try row.decode(column: "reasons", as: String.self))?.arrayValue?.compactMap(\.stringValue) ?? []
                ratings[entity, default: []].append(EntityRating(
                    entity: entity, person: try row.decode(column: "person", as: String.self), rating: try row.decode(column: "rating", as: Int.self),
                    reasons: reasons, anonymous: try row.decode(column: "anonymous", as: Int.self) != 0, at: try row.decode(column: "at", as: Int64.self)))
            }
        }
        return ratings
    }

    /// The average of every current rating in the catalog and how many there are; nil without ratings.
    public func overall() async throws -> (average: Double?, count: Int) {
        guard let row = try await database.sql.raw("SELECT COALESCE(SUM(rating), 0) AS total, COUNT(*) AS ratings FROM feedback_ratings WHERE current = 1").first()
        else { return (nil, 0) }
        let total = try row.decode(column: "total", as: Int64.self), count = try row.decode(column: "ratings", as: Int64.self)
        return (count == 0 ? nil : Double(total) / Double(count), Int(count))
    }

    /// The rating with `id`, if any.
    public func rating(id: String) async throws -> (entity: EntityRef, person: String)? {
        guard let row = try await database.sql.raw("SELECT entity_ref, person FROM feedback_ratings WHERE id = \(bind: id)").first(),
              let entity = EntityRef.parse(try row.decode(column: "entity_ref", as: String.self)) else { return nil }
        return (entity, try row.decode(column: "person", as: String.self))
    }

    /// Adds an owner's reply to rating `ratingID`.
    public func reply(to ratingID: String, _ reply: RatingReply) async throws {
        try await database.sql.insert(into: "feedback_replies").columns("id", "rating_id", "author", "text", "at")
            .values(SQLBind(SortableID.make()), SQLBind(ratingID), SQLBind(reply.author), SQLBind(reply.text), SQLBind(reply.at))
            .run()
    }

    private func replies(entity: String) async throws -> [String: [RatingReply]] {
        let rows = try await database.sql.raw("""
            SELECT p.rating_id, p.author, p.text, p.at FROM feedback_replies p JOIN feedback_ratings r ON r.id = p.rating_id
            WHERE r.entity_ref = \(bind: entity) ORDER BY p.at, p.id
            """).all()
        var replies: [String: [RatingReply]] = [:]
        for row in rows {
            replies[try row.decode(column: "rating_id", as: String.self), default: []].append(RatingReply(
                author: try row.decode(column: "author", as: String.self), text: try row.decode(column: "text", as: String.self),
                at: try row.decode(column: "at", as: Int64.self)))
        }
        return replies
    }
}
