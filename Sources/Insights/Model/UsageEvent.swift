import FoyerCore

/// One thing someone did in the portal, validated, in Backstage's analytics shape.
public struct UsageEvent: Sendable, Equatable {
    /// The client's id when it gave one; the store makes one up otherwise.
    public var id: String?
    /// A user entity ref, normalised (`user:default/jane`).
    public let user: String
    public let action: String
    public let subject: String
    public let value: Double?
    public let attributes: [String: JSONValue]
    public let context: [String: String]
    /// Epoch milliseconds.
    public let timestamp: Int64

    public init(id: String? = nil, user: String, action: String, subject: String, value: Double? = nil,
                attributes: [String: JSONValue] = [:], context: [String: String] = [:], timestamp: Int64) {
        self.id = id
        self.user = user
        self.action = action
        self.subject = subject
        self.value = value
        self.attributes = attributes
        self.context = context
        self.timestamp = timestamp
    }

    public var day: Day { Day(epochMillis: timestamp) }
}
