import FoyerCore
import Testing

@Suite struct SignInRulesTests {
    @Test func usernamesAreLowerCasedAndLimitedToASafeAlphabet() throws {
        #expect(try AccountRules.username(" Jane.Doe ") == "jane.doe")
        #expect(try AccountRules.username("ops+ci@example.com") == "ops+ci@example.com")
        for bad in ["", String(repeating: "a", count: 65), "jane doe", "<script>", "jane/doe", "jäne"] {
            #expect(throws: FoyerError.self, "\(bad)") { try AccountRules.username(bad) }
        }
    }

    @Test func passwordsNeedTenCharactersAndFitBcrypt() throws {
        try AccountRules.password("correct horse")
        #expect(throws: FoyerError.self) { try AccountRules.password("short") }
        #expect(throws: FoyerError.self) { try AccountRules.password(String(repeating: "é", count: 37)) }  // 74 bytes
        #expect(throws: FoyerError.self) { try AccountRules.password("ten chars\0!") }
    }

    @Test func emailsNeedOneAtAndADomain() throws {
        #expect(try AccountRules.email("Jane@Example.COM") == "jane@example.com")
        #expect(try AccountRules.email("  ") == nil)
        for bad in ["jane", "jane@", "@example.com", "a@b@c.d", "jane@localhost", "ja ne@example.com"] {
            #expect(throws: FoyerError.self, "\(bad)") { try AccountRules.email(bad) }
        }
    }

    @Test func theProxyIsTrustedOnlyFromItsAddresses() throws {
        let trust = ProxyTrust(addresses: ["10.0.0.5", "192.168.0.0/16", "::1"])
        #expect(trust.trusts("10.0.0.5") && trust.trusts("192.168.44.3") && trust.trusts("::1"))
        #expect(!trust.trusts("10.0.0.6") && !trust.trusts("192.169.0.1") && !trust.trusts(nil) && !trust.trusts("::2"))
        #expect(!ProxyTrust(addresses: []).trusts("127.0.0.1"))
        try ProxyTrust.validate("10.0.0.0/8")
        for bad in ["10.0.0.0/33", "300.1.1.1", "proxy.local", "10.0.0/8"] {
            #expect(throws: FoyerError.self, "\(bad)") { try ProxyTrust.validate(bad) }
        }
    }

    @Test func behindTheTrustedProxyTheClientIsTheLastForwardedAddress() {
        let trust = ProxyTrust(addresses: ["10.0.0.5"])
        #expect(trust.clientAddress(peer: "10.0.0.5", forwardedFor: "1.2.3.4, 203.0.113.9") == "203.0.113.9", "the proxy's own entry")
        #expect(trust.clientAddress(peer: "10.0.0.9", forwardedFor: "203.0.113.9") == "10.0.0.9", "untrusted peers name nobody else")
        #expect(trust.clientAddress(peer: "10.0.0.5", forwardedFor: nil) == "10.0.0.5")
        #expect(trust.clientAddress(peer: "10.0.0.5", forwardedFor: "<script>") == "10.0.0.5")
    }

    @Test func failedSignInsAreLimitedPerAccountAndPerAddressWithinTheWindow() throws {
        var limits = SignInLimiter.Limits()
        limits.perAccount = 3
        limits.perAddress = 5
        let limiter = SignInLimiter(limits: limits)
        let start = EpochMillis(1_000_000)
        for _ in 0..<3 { _ = try limiter.begin(username: "jane", address: "10.0.0.1", now: start) }
        #expect(throws: FoyerError.self) { try limiter.begin(username: "JANE", address: "10.0.0.9", now: start) }
        let bob = try limiter.begin(username: "bob", address: "10.0.0.1", now: start)
        limiter.succeeded(bob)
        for _ in 0..<2 { _ = try limiter.begin(username: "bob", address: "10.0.0.1", now: start) }
        let blocked = #expect(throws: FoyerError.self) { try limiter.begin(username: "carol", address: "10.0.0.1", now: start) }
        #expect(blocked?.status == .tooManyRequests)
        let later = EpochMillis(start.value + 15 * 60_000)
        _ = try limiter.begin(username: "jane", address: "10.0.0.1", now: later)
    }

    @Test func parallelGuessesCannotSlipPastTheLimit() async {
        let limiter = SignInLimiter()
        let allowed = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<200 { group.addTask { (try? limiter.begin(username: "jane", address: nil)) != nil } }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(allowed == 5)
    }

    @Test func sessionsEndWhenIdleOrPastTheirAbsoluteEnd() {
        let lifetime = SessionLifetime(idle: .seconds(60), absolute: .seconds(3600))
        let session = SignedInSession(id: "x", accountID: "a", createdAt: EpochMillis(0), lastSeenAt: EpochMillis(1_000_000), expiresAt: EpochMillis(3_600_000))
        #expect(lifetime.isLive(session, at: EpochMillis(1_059_999)))
        #expect(!lifetime.isLive(session, at: EpochMillis(1_060_000)), "idle for a minute")
        let active = SignedInSession(id: "x", accountID: "a", createdAt: EpochMillis(0), lastSeenAt: EpochMillis(3_599_000), expiresAt: EpochMillis(3_600_000))
        #expect(!lifetime.isLive(active, at: EpochMillis(3_600_000)), "past the absolute end however active")
    }

    @Test func auditFiltersComeFromTheQueryWithClearErrors() throws {
        let filter = try AuditFilter.parse(QueryParameters("actor=user:default/jane&method=post&outcome=refused&since=2026-12-01&limit=5&path=/api/catalog"))
        #expect(filter.actor == "user:default/jane" && filter.method == "POST" && filter.outcome == .refused && filter.limit == 5)
        #expect(filter.since == EpochMillis(Day(iso: "2026-12-01")!.epochMillis) && filter.pathPrefix == "/api/catalog")
        for bad in ["method=GET", "outcome=maybe", "since=yesterday", "limit=501"] {
            #expect(throws: FoyerError.self, "\(bad)") { try AuditFilter.parse(QueryParameters(bad)) }
        }
        #expect(AuditEntry.Outcome(status: 201) == .succeeded && AuditEntry.Outcome(status: 403) == .refused)
        #expect(AuditEntry.Outcome(status: 429) == .refused && AuditEntry.Outcome(status: 400) == .failed && AuditEntry.Outcome(status: 500) == .failed)
    }
}
