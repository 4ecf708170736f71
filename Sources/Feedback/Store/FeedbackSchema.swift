import FoyerCore
import SQLKit

/// Entity ratings (every one kept, the newest per person marked current), owners' replies, and
/// survey responses (one per person and survey window).
enum FeedbackSchema {
    static let migrations = [
        Migration("feedback.001-ratings-responses") { sql, _ in
            try await sql.create(table: "feedback_ratings")
                .column("id", type: .text, .primaryKey(autoIncrement: false))
                .column("entity_ref", type: .text, .notNull)
                .column("person", type: .text, .notNull)
                .column("rating", type: .int, .notNull)
                // A JSON array of reasons.
                .column("reasons", type: .text, .notNull)
                .column("comment", type: .text)
                .column("anonymous", type: .int, .notNull)
                .column("at", type: .bigint, .notNull)
                // 1 for each person's newest rating of the entity, 0 for the ones it replaced.
                .column("current", type: .int, .notNull)
                .run()
            try await sql.create(index: "feedback_ratings_entity").on("feedback_ratings").column("entity_ref").column("current").run()
            try await sql.create(index: "feedback_ratings_person").on("feedback_ratings").column("person").column("entity_ref").run()
            // At most one current rating per person and entity, whatever number of servers write.
            try await sql.raw("CREATE UNIQUE INDEX feedback_ratings_current ON feedback_ratings (entity_ref, person) WHERE current = 1").run()
            try await sql.create(table: "feedback_replies")
                .column("id", type: .text, .primaryKey(autoIncrement: false))
                .column("rating_id", type: .text, .notNull)
                .column("author", type: .text, .notNull)
                .column("text", type: .text, .notNull)
                .column("at", type: .bigint, .notNull)
                .run()
            try await sql.create(index: "feedback_replies_rating").on("feedback_replies").column("rating_id").run()
            try await sql.create(table: "feedback_survey_responses")
                .column("id", type: .text, .primaryKey(autoIncrement: false))
                .column("survey", type: .text, .notNull)
                .column("window_start", type: .int, .notNull)
                .column("person", type: .text, .notNull)
                .column("at", type: .bigint, .notNull)
                .column("dismissed", type: .int, .notNull)
                // A JSON object of answers by question id.
                .column("answers", type: .text, .notNull)
                .run()
            try await sql.create(index: "feedback_responses_once").unique().on("feedback_survey_responses")
                .column("survey").column("window_start").column("person").run()
            try await sql.create(index: "feedback_responses_person").on("feedback_survey_responses").column("person").column("at").run()
        },
        // "Was this helpful?" on learning steps and feature unlock cards: one current answer per person and subject.
        Migration("feedback.002-helpful") { sql, _ in
            try await sql.create(table: "feedback_helpful")
                .column("subject", type: .text, .notNull)
                .column("person", type: .text, .notNull)
                .column("helpful", type: .int, .notNull)
                .column("comment", type: .text)
                .column("at", type: .bigint, .notNull)
                .primaryKey("subject", "person")
                .run()
        },
    ]
}
