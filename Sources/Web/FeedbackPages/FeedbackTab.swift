import Catalog
import EntityRules
import Feedback
import FoyerCore

/// The entity page's Feedback tab: the average and spread of ratings and the reasons given, a form
/// to rate (signed-in people), the viewer's own rating with owners' replies, and for owners every
/// comment with a reply form.
struct FeedbackTab: EntityTab {
    let templates: TemplateLibrary
    let feedback: FeedbackService

    var id: String { "feedback" }
    var title: String { "Feedback" }

    func applies(to entity: Entity) -> Bool {
        entity.kind.lowercased() != "location" && !Scope.descriptorKinds.contains(entity.kind.lowercased())
    }

    struct Bar { let score: Int; let count: Int; let percent: Int }
    struct Option { let reason: String; let checked: Bool }
    struct Score { let value: Int; let label: String }
    struct Reply { let author: String; let text: String; let at: String }
    struct Line {
        let person: String
        let rating: Int
        let reasons: String?
        let comment: String?
        let at: String
        let replies: [Reply]
        let replyURL: String
    }

    /// What the entity's owners see: every current rating, with a reply form.
    struct OwnerView { let lines: [Line] }

    struct View {
        let rateURL: String
        let average: String
        let count: Int
        let bars: [Bar]
        let reasons: [ReasonCount]
        let signedIn: Bool
        let options: [Option]
        let scores: [Score]
        let yours: Line?
        let responses: OwnerView?
        let weeks: [WeekLine]
        let csvURL: String
        let weeksCSVURL: String
    }

    struct WeekLine { let week: String; let ratings: Int; let average: String }

    func render(entity: StoredEntity, viewer: EntityRef?, admin: Bool) async throws -> String {
        let feedback = try await self.feedback.entityFeedback(entity.ref, viewer: viewer, admin: admin)
        let summary = feedback.summary, yours = feedback.yours
        let path = "/feedback/entities/\(HTMLText.queryEscape(entity.ref.kind))/\(HTMLText.queryEscape(entity.ref.namespace))/\(HTMLText.queryEscape(entity.ref.name))"
        let view = View(rateURL: path, average: summary.average.map { String(format: "%.1f", $0) } ?? "no ratings yet", count: summary.count,
                        bars: summary.distribution.enumerated().map { Bar(score: $0.offset + 1, count: $0.element, percent: summary.count == 0 ? 0 : $0.element * 100 / summary.count) },
                        reasons: summary.reasons, signedIn: viewer != nil,
                        options: self.feedback.reasons.map { Option(reason: $0, checked: yours?.rating.reasons.contains($0) ?? false) },
                        scores: self.feedback.thumbs ? [Score(value: 5, label: "👍 Useful"), Score(value: 1, label: "👎 Not useful")]
                            : (1...5).map { Score(value: $0, label: "\($0) ★") }, yours: yours.map { line($0, revealing: true) },
                        responses: feedback.responses.map { OwnerView(lines: $0.map { line($0, revealing: false) }) },
                        weeks: feedback.weeks.map { WeekLine(week: $0.week.description, ratings: $0.ratings, average: String(format: "%.1f", $0.average)) },
                        csvURL: "/api" + path + "?format=csv", weeksCSVURL: "/api" + path + "?format=csv&table=weeks")
        return templates.render(view, template: "feedback-tab")
    }

    private func line(_ stored: StoredRating, revealing: Bool) -> Line {
        let rating = stored.rating
        return Line(person: rating.author(revealing: revealing), rating: rating.rating,
                    reasons: rating.reasons.isEmpty ? nil : rating.reasons.joined(separator: ", "), comment: rating.comment, at: Self.day(rating.at),
                    replies: stored.replies.map { Reply(author: $0.author, text: $0.text, at: Self.day($0.at)) },
                    replyURL: "/feedback/ratings/\(HTMLText.queryEscape(stored.id))/replies")
    }

    private static func day(_ millis: Int64) -> String { Day(epochMillis: millis).description }
}
