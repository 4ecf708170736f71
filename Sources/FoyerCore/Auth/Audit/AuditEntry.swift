import Synchronization

/// One write, as the audit log keeps it: who, what, when, from where, and how it ended.
public struct AuditEntry: Sendable, Equatable, Codable {
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        /// Answered with a 1xx–3xx status.
        case succeeded
        /// Refused: 401, 403 or 429.
        case refused
        /// Any other 4xx or 5xx.
        case failed

        public init(status: Int) {
            switch status {
            case ..<400: self = .succeeded
            case 401, 403, 429: self = .refused
            default: self = .failed
            }
        }
    }

    public let id: String
    public let at: EpochMillis
    /// `token:<name>`, a user ref, `account:<username>`, or `anonymous`.
    public let actor: String
    public let role: String?
    public let method: String
    public let path: String
    public let address: String?
    public let status: Int
    public let outcome: Outcome
    /// What the handler added, e.g. the username a sign-in tried.
    public let detail: String?

    public init(id: String, at: EpochMillis, actor: String, role: String?, method: String, path: String, address: String?,
                status: Int, outcome: Outcome, detail: String?) {
        self.id = id
        self.at = at
        self.actor = actor
        self.role = role
        self.method = method
        self.path = path
        self.address = address
        self.status = status
        self.outcome = outcome
        self.detail = detail
    }
}

extension AuditEntry {
    /// A write that came in another way than an HTTP request: `channel` is `CLI` (a `foyer`
    /// command on the server) or `PROXY` (an account made on first single sign-on).
    public static func event(channel: String, _ description: String, actor: String, now: EpochMillis = .now()) -> AuditEntry {
        AuditEntry(id: SortableID.make(now: now), at: now, actor: actor, role: nil, method: channel, path: String(description.prefix(1000)),
                   address: nil, status: 200, outcome: .succeeded, detail: nil)
    }
}

/// What a handler tells the audit log beyond the principal: for example who a sign-in was for.
/// A class, so the note made deep in a handler reaches the middleware that writes the entry.
public final class AuditNote: Sendable {
    private let state = Mutex<(actor: String?, detail: String?)>((nil, nil))

    public init() {}

    /// Names the actor when the request had none (sign-in) and adds a short detail.
    public func record(actor: String? = nil, detail: String? = nil) {
        state.withLock { state in
            if let actor { state.actor = String(actor.prefix(200)) }
            if let detail { state.detail = String(detail.prefix(500)) }
        }
    }

    var actor: String? { state.withLock { $0.actor } }
    var detail: String? { state.withLock { $0.detail } }
}

/// The filters `GET /api/audit` and the audit page accept.
public struct AuditFilter: Sendable, Equatable {
    public var actor: String?
    public var method: String?
    /// Entries whose path starts with this.
    public var pathPrefix: String?
    public var outcome: AuditEntry.Outcome?
    public var since: EpochMillis?
    public var until: EpochMillis?
    public var limit = 100
    /// Entries older than this id (the previous page's last), newest first.
    public var before: String?

    public init() {}

    /// Reads the filters from query parameters; 400 naming a bad one.
    public static func parse(_ query: QueryParameters) throws(FoyerError) -> AuditFilter {
        var filter = AuditFilter()
        filter.actor = query.first("actor").flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
        filter.method = query.first("method").flatMap { $0.isEmpty ? nil : $0.uppercased() }
        if let method = filter.method, !["POST", "PUT", "PATCH", "DELETE", "CLI", "PROXY"].contains(method) {
            throw .badRequest("method must be POST, PUT, PATCH, DELETE, CLI or PROXY")
        }
        filter.pathPrefix = query.first("path").flatMap { $0.isEmpty ? nil : String($0.prefix(500)) }
        if let text = query.first("outcome"), !text.isEmpty {
            guard let outcome = AuditEntry.Outcome(rawValue: text) else { throw .badRequest("outcome must be succeeded, refused or failed") }
            filter.outcome = outcome
        }
        filter.since = try Self.time(query, "since")
        filter.until = try Self.time(query, "until")
        filter.limit = try query.integer("limit", in: 1...500) ?? 100
        filter.before = query.first("before").flatMap { $0.isEmpty ? nil : String($0.prefix(64)) }
        return filter
    }

    private static func time(_ query: QueryParameters, _ name: String) throws(FoyerError) -> EpochMillis? {
        guard let text = query.first(name), !text.isEmpty else { return nil }
        if text.count == 10, let day = Day(iso: text) { return EpochMillis(day.epochMillis) }
        guard let time = EpochMillis(iso8601: text) else { throw .badRequest("\(name) must be a date (YYYY-MM-DD) or an RFC 3339 timestamp") }
        return time
    }
}
