/// What admins do with accounts, shared by `foyer user create`, the API and the admin page:
/// passwords checked and hashed, the catalog user linked, sessions ended when access shrinks.
public struct AccountManager: Sendable {
    let authenticator: Authenticator

    public init(authenticator: Authenticator) { self.authenticator = authenticator }

    /// Creates a local account that signs in with `password`, linked to the catalog user with its
    /// username or email (or to `userRef` when given).
    public func create(username: String, email: String?, password: String, role: Role, userRef: String? = nil) async throws -> Account {
        try AccountRules.password(password)
        let name = try AccountRules.username(username)
        let mail = try AccountRules.email(email)
        var linked = userRef
        if linked == nil { linked = try await authenticator.userRef(name: name, email: mail) }
        return try await authenticator.accounts.create(AccountStore.New(
            username: name, email: mail, passwordHash: try await authenticator.hasher.hash(password), role: role,
            userRef: linked, origin: .local))
    }

    /// Changes an account's role, password or standing; a new password, a lower role or disabling
    /// ends every session it has, so the change holds at once. 409 when `actor` would lock themself
    /// out, or when no enabled admin account would remain.
    public func update(id: String, role: Role? = nil, password: String? = nil, disabled: Bool? = nil, by actor: Principal?) async throws -> Account {
        guard let before = try await authenticator.accounts.find(id: id) else { throw FoyerError.notFound("no account with id '\(id)'") }
        let removesAdmin = before.role == .admin && !before.isDisabled && (disabled == true || (role.map { $0 != .admin } ?? false))
        if removesAdmin, actor?.accountID == id {
            throw FoyerError(.conflict, "you cannot disable your own account or give up your own admin role")
        }
        if removesAdmin, try await authenticator.accounts.all().filter({ $0.role == .admin && !$0.isDisabled }).count <= 1 {
            throw FoyerError(.conflict, "at least one enabled admin account must remain")
        }
        if let password { try AccountRules.password(password) }
        let hash = if let password { try await authenticator.hasher.hash(password) } else { String?.none }
        let after = try await authenticator.accounts.update(id: id, role: role, passwordHash: hash, disabled: disabled)
        if password != nil || disabled == true || after.role < before.role {
            try await authenticator.sessions.endAll(accountID: id)
        }
        return after
    }

    /// What an update changes, for the audit log (never the password itself).
    public static func describe(role: Role?, password: String?, disabled: Bool?) -> String {
        var parts: [String] = []
        if let role { parts.append("role \(role.rawValue)") }
        if password != nil { parts.append("password changed") }
        if let disabled { parts.append(disabled ? "disabled" : "enabled") }
        return parts.isEmpty ? "no change" : parts.joined(separator: ", ")
    }
}
