import Hummingbird

/// `GET /api/audit`: admins read the audit log, newest first, filtered by actor, method, path
/// prefix, outcome and time (`since`, `until`), `limit` per page and `before` for the next page.
struct AuditController: Sendable {
    let audit: AuditStore

    func register(on router: Router<FoyerRequestContext>) {
        router.get("api/audit") { request, context -> Response in
            try context.authorize(.administer)
            let filter = try AuditFilter.parse(QueryParameters(request.uri.query))
            let entries = try await audit.entries(filter)
            var members: [String: JSONValue] = ["items": .array(entries.map(Self.json))]
            if entries.count == filter.limit, let last = entries.last { members["next"] = .string(last.id) }
            return JSONBody.response(.object(members))
        }
    }

    static func json(_ entry: AuditEntry) -> JSONValue {
        var members: [String: JSONValue] = [
            "id": .string(entry.id), "at": .string(entry.at.iso8601), "actor": .string(entry.actor), "method": .string(entry.method),
            "path": .string(entry.path), "status": .number(Double(entry.status)), "outcome": .string(entry.outcome.rawValue),
        ]
        if let role = entry.role { members["role"] = .string(role) }
        if let address = entry.address { members["address"] = .string(address) }
        if let detail = entry.detail { members["detail"] = .string(detail) }
        return .object(members)
    }
}
