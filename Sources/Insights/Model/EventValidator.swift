import Catalog
import FoyerCore
import Synchronization

/// Who sends a batch of events, which decides where `user` and `timestamp` come from.
public enum EventSender: Sendable, Equatable {
    /// An API token: every event names its user and timestamp.
    case token
    /// A signed-in person: events are theirs and happen now.
    case person(user: String)
}

/// The rules of `specs/insights.md` for one incoming event; a broken event gets one message naming the field.
public struct EventValidator: Sendable {
    public static let maxIDLength = 128
    public static let maxActionLength = 64
    public static let maxSubjectLength = 2048
    public static let maxKeys = 32
    public static let maxValueLength = 2048
    /// 2000-01-01T00:00:00Z: older timestamps are mistakes, not history.
    public static let earliest: Int64 = 946_684_800_000
    /// Clock skew tolerated for timestamps ahead of the server.
    public static let allowedSkew: Int64 = 86_400_000

    public let sender: EventSender
    /// The server's time, epoch milliseconds.
    public let now: Int64

    public init(sender: EventSender, now: Int64) {
        self.sender = sender
        self.now = now
    }

    public func validate(_ value: JSONValue) -> Result<UsageEvent, EventRejection> {
        do {
            return .success(try event(from: value))
        } catch {
            return .failure(error)
        }
    }

    private func event(from value: JSONValue) throws(EventRejection) -> UsageEvent {
        guard case .object(let fields) = value else { throw EventRejection("an event must be a JSON object, not \(value.typeName)") }
        var id: String?
        if let raw = fields["id"], raw != .null {
            guard let text = raw.stringValue, !text.isEmpty, Self.fits(text, Self.maxIDLength) else {
                throw EventRejection("id must be a string of 1 to \(Self.maxIDLength) characters")
            }
            id = text
        }
        // PostgreSQL's text cannot hold U+0000; refused here, it cannot fail a whole batch's insert.
        for name in ["id", "action", "subject"] where fields[name]?.stringValue?.utf8.contains(0) == true {
            throw EventRejection("\(name) must not contain the NUL character")
        }
        guard let action = fields["action"]?.stringValue else { throw EventRejection("action is required and must be a string") }
        guard !action.isEmpty, Self.fits(action, Self.maxActionLength) else { throw EventRejection("action must be 1 to \(Self.maxActionLength) characters") }
        guard let subject = fields["subject"]?.stringValue else { throw EventRejection("subject is required and must be a string") }
        guard Self.fits(subject, Self.maxSubjectLength) else { throw EventRejection("subject must be at most \(Self.maxSubjectLength) characters") }
        var number: Double?
        if let raw = fields["value"], raw != .null {
            guard case .number(let given) = raw, given.isFinite else { throw EventRejection("value must be a number") }
            number = given
        }
        let attributes = try Self.object(fields["attributes"], name: "attributes") { value -> Bool in
            switch value {
            case .string(let text): Self.fits(text, Self.maxValueLength)
            case .number(let number): number.isFinite
            case .bool: true
            default: false
            }
        }
        let context = try Self.object(fields["context"], name: "context") { value in
            value.stringValue.map { Self.fits($0, Self.maxValueLength) } ?? false
        }.mapValues { $0.stringValue! }
        let (user, timestamp) = try origin(fields)
        return UsageEvent(id: id, user: user, action: action, subject: subject, value: number, attributes: attributes,
                          context: context, timestamp: timestamp)
    }

    /// The event's user and time: from the event for tokens, from the person and the clock for pages.
    private func origin(_ fields: [String: JSONValue]) throws(EventRejection) -> (String, Int64) {
        let givenUser = fields["user"].flatMap { $0 == .null ? nil : $0 }
        switch sender {
        case .person(let user):
            if let givenUser {
                guard let text = givenUser.stringValue, Self.normalisedUser(text) == user else {
                    throw EventRejection("user may not be set: events from a signed-in person are theirs")
                }
            }
            return (user, now)
        case .token:
            guard let text = givenUser?.stringValue else { throw EventRejection("user is required (a user entity ref such as user:default/jane)") }
            guard let user = Self.normalisedUser(text) else { throw EventRejection("user must be a user entity ref such as user:default/jane, not '\(text.prefix(100))'") }
            guard let stamp = fields["timestamp"], stamp != .null else { throw EventRejection("timestamp is required (RFC 3339)") }
            guard let text = stamp.stringValue, let millis = RFC3339.epochMillis(text) else {
                throw EventRejection("timestamp must be an RFC 3339 date-time such as 2026-01-05T09:30:00Z")
            }
            guard millis >= Self.earliest else { throw EventRejection("timestamp is before 2000-01-01") }
            guard millis <= now + Self.allowedSkew else { throw EventRejection("timestamp is in the future") }
            return (user, millis)
        }
    }

    /// `user:default/jane` for `jane`, `default/jane` or `User:Default/Jane`; nil for anything but a user ref.
    public static func normalisedUser(_ text: String) -> String? {
        if let known = knownUsers.withLock({ $0[ExactText(text)] }) { return known }
        guard text.count <= 300, let ref = EntityRef.parse(text, defaultKind: "user", defaultNamespace: Entity.defaultNamespace),
              ref.kind == "user" else { return nil }
        let user = ref.description
        knownUsers.withLock { known in
            if known.count >= 20_000 { known = [:] }
            known[ExactText(text)] = user
        }
        return user
    }

    /// Refs already normalised: the same few thousand people send most events, and parsing is the
    /// validator's largest cost.
    private static let knownUsers = Mutex<[ExactText: String]>([:])

    /// Whether `text` has at most `limit` characters (Unicode scalars); they are counted only when
    /// its UTF-8 is longer, as a scalar is at least one byte.
    private static func fits(_ text: String, _ limit: Int) -> Bool {
        text.utf8.count <= limit || text.unicodeScalars.count <= limit
    }

    private static func object(_ value: JSONValue?, name: String, allowed: (JSONValue) -> Bool) throws(EventRejection) -> [String: JSONValue] {
        guard let value, value != .null else { return [:] }
        guard case .object(let members) = value else { throw EventRejection("\(name) must be an object") }
        guard members.count <= maxKeys else { throw EventRejection("\(name) may hold at most \(maxKeys) keys") }
        for (key, member) in members where !fits(key, 128) || !allowed(member) {
            throw EventRejection("\(name).\(key.prefix(128)) has a value that is not allowed")
        }
        return members
    }
}

/// Why one event of a batch was not stored.
public struct EventRejection: Error, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
}
