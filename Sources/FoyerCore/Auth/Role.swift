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

/// An authenticated caller.
public struct Principal: Sendable, Equatable {
    /// Display name: the token's name, or `bootstrap` for the bootstrap token.
    public let name: String
    public let role: Role
    /// The API token that authenticated the request, when it is a stored one.
    public let tokenID: String?

    public init(name: String, role: Role, tokenID: String?) {
        self.name = name
        self.role = role
        self.tokenID = tokenID
    }
}
