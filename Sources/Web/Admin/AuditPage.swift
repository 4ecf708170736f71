import Foundation
import FoyerCore
import Hummingbird

/// `GET /admin/audit`: the audit log for admins, newest first, with the filters of `GET /api/audit`.
struct AuditPage: Sendable {
    let site: Site
    let audit: AuditStore

    struct Row {
        let at: String
        let actor: String
        let role: String
        let action: String
        let address: String
        let status: Int
        let outcome: String
        let detail: String
    }

    struct Listing {
        let entries: [Row]
        let actor: String
        let path: String
        let outcomes: [SelectOption]
        let next: String?
    }

    func register(on router: Router<FoyerRequestContext>) {
        router.get("admin/audit") { request, context in
            try context.authorize(.administer)
            let query = QueryParameters(request.uri.query)
            let filter = try AuditFilter.parse(query)
            let entries = try await audit.entries(filter)
            let rows = entries.map { entry in
                Row(at: TimeText.utc(entry.at), actor: entry.actor, role: entry.role ?? "—", action: "\(entry.method) \(entry.path)",
                    address: entry.address ?? "—", status: entry.status, outcome: entry.outcome.rawValue, detail: entry.detail ?? "")
            }
            var next: String?
            if entries.count == filter.limit, let last = entries.last {
                var pairs = query.pairs.filter { $0.key != "before" }
                pairs.append((key: "before", value: last.id))
                next = "/admin/audit?" + pairs.map { HTMLText.queryEscape($0.key) + "=" + HTMLText.queryEscape($0.value) }.joined(separator: "&")
            }
            let outcomes = SelectOption.list([""] + AuditEntry.Outcome.allCases.map(\.rawValue), selected: filter.outcome?.rawValue ?? "")
            let listing = Listing(entries: rows, actor: filter.actor ?? "", path: filter.pathPrefix ?? "", outcomes: outcomes, next: next)
            let page = try await site.context(for: request, context)
            return site.renderer.response(Page(title: "Audit log", template: "admin-audit", content: listing), context: page)
        }
    }
}
