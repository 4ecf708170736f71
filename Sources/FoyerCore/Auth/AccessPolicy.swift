/// What a request asks to do, as the access policy sees it.
public enum Action: Sendable, Equatable, CustomStringConvertible {
    /// Read pages and APIs: anyone signed in or holding a token; anonymous visitors only when guests are allowed.
    case read
    /// Act as oneself: rate, answer surveys, record one's own events. Needs a signed-in person.
    case participate
    /// Change the catalog and run actions: register and refresh locations, delete entities, ingest events.
    case edit
    /// Manage Foyer: accounts, tokens, exclusions, exports, the audit log.
    case administer
    /// Act on an entity one owns through a group (exemptions, feedback replies, campaign items); admins too.
    case actAsOwner
    /// Act for one person (check off their steps): that person, or an admin.
    case actFor(user: String)

    public var description: String {
        switch self {
        case .read: "read"
        case .participate: "act as yourself"
        case .edit: "edit"
        case .administer: "administer"
        case .actAsOwner: "act as an owner"
        case .actFor(let user): "act for \(user)"
        }
    }
}

/// The one place that decides who may do what; every API route and page form asks it.
public enum AccessPolicy {
    /// nil when `principal` may do `action`, else the refusal: 401 without credentials, 403 when
    /// they are not enough. `isOwner` says whether the principal owns the entity acted on.
    public static func refusal(_ principal: Principal?, _ action: Action, isOwner: Bool = false, guestsAllowed: Bool = false) -> FoyerError? {
        guard let principal else {
            if action == .read && guestsAllowed { return nil }
            return FoyerError(.unauthorized, action == .read
                ? "sign in to use Foyer, or send an API token (Authorization: Bearer …)"
                : "sign in, or send an API token (Authorization: Bearer …), to \(action)")
        }
        switch action {
        case .read:
            return nil
        case .participate:
            return principal.user == nil ? FoyerError(.forbidden, "this needs a signed-in person linked to a catalog user; \(principal.name) is not") : nil
        case .edit:
            return principal.role >= .editor ? nil : tooLow(principal, needs: .editor)
        case .administer:
            return principal.role == .admin ? nil : tooLow(principal, needs: .admin)
        case .actAsOwner:
            if principal.role == .admin || (principal.user != nil && isOwner) { return nil }
            return FoyerError(.forbidden, "only the entity's owners or an admin may do this")
        case .actFor(let user):
            if principal.role == .admin || principal.user == user { return nil }
            return FoyerError(.forbidden, "only \(user) or an admin may do this")
        }
    }

    private static func tooLow(_ principal: Principal, needs role: Role) -> FoyerError {
        FoyerError(.forbidden, "this needs the \(role.rawValue) role; \(principal.name) has \(principal.role.rawValue)")
    }
}
