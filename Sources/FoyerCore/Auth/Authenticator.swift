import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// Works out who a request is from: an `Authorization: Bearer` token (stored or bootstrap), a
/// trusted proxy's identity headers, or a session cookie; and signs people in and out.
public struct Authenticator: Sendable {
    let tokens: TokenStore
    let bootstrapHash: String?
    public let accounts: AccountStore
    public let sessions: SessionStore
    public let settings: AuthSettings
    let linker: (any PersonLinker)?
    public let hasher: PasswordHasher
    public let limiter: SignInLimiter
    /// Where sign-on events and, through `AccessMiddleware`, every write are recorded.
    let audit: AuditStore

    public init(database: Database, bootstrapToken: String?, settings: AuthSettings = AuthSettings(),
                linker: (any PersonLinker)? = nil, limiter: SignInLimiter = SignInLimiter()) {
        tokens = TokenStore(database: database)
        bootstrapHash = bootstrapToken.map(TokenSecret.hash)
        accounts = AccountStore(database: database)
        sessions = SessionStore(database: database, lifetime: settings.sessionLifetime)
        self.settings = settings
        self.linker = linker
        hasher = PasswordHasher(cost: settings.bcryptCost)
        self.limiter = limiter
        audit = AuditStore(database: database)
    }

    /// Nil without credentials; throws 401 for credentials that are malformed, unknown, expired or revoked.
    public func principal(authorization: String?) async throws -> Principal? {
        guard let authorization else { return nil }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty, parts[1].count <= 256 else {
            throw FoyerError(.unauthorized, "the Authorization header must be 'Bearer <token>'")
        }
        let secret = String(parts[1])
        if let bootstrapHash, Self.constantTimeEqual(TokenSecret.hash(secret), bootstrapHash) {
            return Principal(name: "bootstrap", role: .admin, tokenID: nil)
        }
        guard let token = try await tokens.find(secret: secret) else {
            throw FoyerError(.unauthorized, "the API token is unknown, expired or revoked")
        }
        return Principal(name: token.name, role: token.role, tokenID: token.id)
    }

    /// The caller of `request` from the peer `address`: the trusted proxy's identity headers first
    /// (proxies often forward an `Authorization` header of their own), else its bearer token, else
    /// its session cookie; nil when anonymous.
    public func principal(for request: Request, address: String?) async throws -> Principal? {
        if let person = try await proxyPrincipal(request, address: address) { return person }
        if let authorization = request.headers[.authorization] { return try await principal(authorization: authorization) }
        guard let secret = Cookies.value(SessionCookie.name, in: request),
              let session = try await sessions.find(secret: secret) else { return nil }
        guard let account = try await accounts.find(id: session.accountID), !account.isDisabled else {
            try await sessions.end(id: session.id)
            return nil
        }
        return Principal(account: account, session: session, source: .session)
    }

    /// Checks a username and password (rate-limited per account and address) and starts a session;
    /// returns the cookie secret. 401 with one message for every wrong combination.
    public func signIn(username: String, password: String, address: String?) async throws -> String {
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        let attempt = try limiter.begin(username: name, address: address)
        let stored = name.isEmpty || name.count > 64 || password.utf8.count > 1024 ? nil : try await accounts.credentials(username: name)
        let matches = try await hasher.verify(password, hash: stored?.hash)
        guard let stored, matches, !stored.account.isDisabled else {
            throw FoyerError(.unauthorized, "the username or password is wrong, or the account is disabled")
        }
        limiter.succeeded(attempt)
        return try await startSession(for: try await linked(stored.account), address: address)
    }

    /// Starts a session for `account` without a password (the demo's "sign in as"); returns the
    /// cookie secret.
    public func startSession(for account: Account, address: String?) async throws -> String {
        try await sessions.start(accountID: account.id, address: address).secret
    }

    /// Ends the request's session, if it has one.
    public func signOut(_ principal: Principal?) async throws {
        if let session = principal?.session { try await sessions.end(id: session.id) }
    }

    /// The catalog user for a new account, by its username or email.
    public func userRef(name: String?, email: String?) async throws -> String? {
        try await linker?.userRef(name: name, email: email)
    }

    /// A person named by the trusted proxy: their account by email, else by username, created (as
    /// a viewer, linked to the catalog) on first sight.
    private func proxyPrincipal(_ request: Request, address: String?) async throws -> Principal? {
        guard settings.proxy.trusts(address) else { return nil }
        let email = request.headers[HTTPField.Name(settings.proxy.emailHeader)!].flatMap { try? AccountRules.email($0) }
        let user = request.headers[HTTPField.Name(settings.proxy.userHeader)!].flatMap { try? AccountRules.username($0) }
        guard email != nil || user != nil else { return nil }
        var account: Account? = if let email { try await accounts.find(email: email) } else { nil }
        if account == nil, let user { account = try await accounts.find(username: user) }
        if account == nil {
            let username = user ?? email!
            let created = try await accounts.create(AccountStore.New(
                username: username, email: email, passwordHash: nil, role: .viewer,
                userRef: try await userRef(name: user ?? email.map { String($0.prefix { $0 != "@" }) }, email: email), origin: .proxy))
            try await audit.append(.event(channel: "PROXY", "created account \(created.username) (viewer) on first sign-on", actor: "proxy:\(address ?? "?")"))
            account = created
        }
        guard let account, !account.isDisabled else { throw FoyerError(.forbidden, "this account is disabled") }
        return Principal(account: account, session: nil, source: .proxy)
    }

    /// `account`, linked to its catalog user if it was not yet and one now matches.
    private func linked(_ account: Account) async throws -> Account {
        guard account.userRef == nil, let ref = try await userRef(name: account.username, email: account.email) else { return account }
        return try await accounts.link(id: account.id, userRef: ref)
    }

    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8), right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
