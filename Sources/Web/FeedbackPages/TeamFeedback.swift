import Catalog
import Feedback
import Foundation

/// A team page's feedback: the ratings of everything the team owns, lowest average first.
struct TeamFeedback {
    struct Line {
        let entity: EntityLink
        let average: String
        let count: Int
        let topReason: String?
    }

    let lines: [Line]
    let csvURL: String

    static func build(group: EntityRef, site: Site) async throws -> TeamFeedback {
        let summaries = try await site.feedback.teamFeedback(group)
        let links = try await site.titledLinks(summaries.map(\.entity))
        return TeamFeedback(lines: summaries.map { summary in
            Line(entity: links[summary.entity] ?? EntityLink(summary.entity),
                 average: summary.average.map { String(format: "%.1f", $0) } ?? "–", count: summary.count, topReason: summary.reasons.first?.reason)
        }, csvURL: "/api/feedback/groups/\(HTMLText.queryEscape(group.namespace))/\(HTMLText.queryEscape(group.name))?format=csv")
    }
}
