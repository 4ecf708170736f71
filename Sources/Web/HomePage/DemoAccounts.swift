import Catalog
import FoyerCore

/// The demo's people as accounts for "sign in as": the platform team administers Foyer, the SRE
/// team edits the catalog, everyone else views.
enum DemoAccounts {
    struct Person {
        let ref: String
        let label: String
    }

    static let maxPeople = 200

    /// The role a demo person gets from their teams.
    static func role(of entity: StoredEntity) -> Role {
        let teams = Set(entity.relations.filter { $0.type == RelationType.memberOf }.map(\.target.name))
        if teams.contains("team-platform") { return .admin }
        if teams.contains("team-sre") { return .editor }
        return .viewer
    }

    /// Every catalog user (up to `maxPeople`), labelled with their name and demo role.
    static func people(_ reader: EntityReader) async throws -> [Person] {
        let users = try await reader.entities(EntityQuery(filter: EntityFilter.allOf([(key: "kind", values: ["user"])]),
                                                          order: EntityOrder(field: "metadata.name", ascending: true)),
                                              offset: 0, limit: maxPeople)
        return users.map { user in
            let name = ViewerProfile(user)?.displayName ?? user.ref.name
            return Person(ref: user.ref.description, label: "\(name) (\(role(of: user).rawValue))")
        }
    }

    /// The demo account of `user`, created on first use; never someone else's account that happens
    /// to share the name, and never a disabled one.
    static func account(for user: StoredEntity, accounts: AccountStore) async throws -> Account {
        let username = try AccountRules.username(user.ref.namespace == Entity.defaultNamespace ? user.ref.name : "\(user.ref.namespace).\(user.ref.name)")
        if let account = try await accounts.find(username: username) {
            guard account.origin == .demo, account.userRef == user.ref.description else {
                throw FoyerError(.conflict, "the account \(username) is not the demo's; sign in with its password")
            }
            guard !account.isDisabled else { throw FoyerError(.forbidden, "the account \(username) is disabled") }
            return account
        }
        return try await accounts.create(AccountStore.New(username: username, email: nil, passwordHash: nil, role: role(of: user),
                                                          userRef: user.ref.description, origin: .demo))
    }
}
