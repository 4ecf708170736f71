/// What a caller may do: viewers read, editors change the catalog and run actions, admins manage Foyer.
public enum Role: String, Codable, Sendable, CaseIterable, Comparable {
    case viewer
    case editor
    case admin

    private var rank: Int {
        switch self {
        case .viewer: 0
        case .editor: 1
        case .admin: 2
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

    /// Parses a role name, naming the allowed ones when it is wrong.
    public static func parse(_ text: String) throws(FoyerError) -> Role {
        guard let role = Role(rawValue: text.lowercased()) else {
            throw .badRequest("unknown role '\(text)' (expected viewer, editor or admin)")
        }
        return role
    }
}

/// An authenticated caller: an API token, or a person signed in through a session or a trusted proxy.
public struct Principal: Sendable, Equatable {
    /// How the caller proved who they are.
    public enum Source: String, Sendable {
        case token, session, proxy
    }

    /// Display name: the token's name (`bootstrap` for the bootstrap token) or the account's username.
    public let name: String
    public let role: Role
    /// The API token that authenticated the request, when it is a stored one.
    public let tokenID: String?
    public var source: Source = .token
    /// The catalog `User` a signed-in person is, as a ref (`user:default/jane`); nil for tokens and
    /// accounts not linked to the catalog.
    public var user: String?
    /// The account and the session of a signed-in person.
    public var accountID: String?
    public var session: SignedInSession?

    public init(name: String, role: Role, tokenID: String?) {
        self.name = name
        self.role = role
        self.tokenID = tokenID
    }

    /// A person signed in with `account` through `session`.
    public init(account: Account, session: SignedInSession?, source: Source) {
        name = account.username
        role = account.role
        tokenID = nil
        self.source = source
        user = account.userRef
        accountID = account.id
        self.session = session
    }

    /// Who the audit log names: `token:<name>` for tokens, the user ref (or username) for people.
    public var actor: String {
        switch source {
        case .token: "token:\(name)"
        case .session, .proxy: user ?? "account:\(name)"
        }
    }
}
