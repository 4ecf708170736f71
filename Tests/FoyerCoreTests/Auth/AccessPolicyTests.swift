import FoyerCore
import Testing

@Suite struct AccessPolicyTests {
    static func person(_ role: Role, user: String? = "user:default/jane") -> Principal {
        let account = Account(id: "acc_1", username: "jane", email: nil, role: role, userRef: user, origin: .local,
                              createdAt: EpochMillis(0), disabledAt: nil)
        return Principal(account: account, session: nil, source: .session)
    }

    static func token(_ role: Role) -> Principal { Principal(name: "ci", role: role, tokenID: "tok_1") }

    /// Who may do what, spelled out: every kind of caller against every action, owner or not.
    @Test func everyCallerAndActionGetsTheDecisionOfTheRoleTable() {
        let callers: [(String, Principal?)] = [
            ("anonymous", nil), ("viewer", Self.person(.viewer)), ("editor", Self.person(.editor)), ("admin", Self.person(.admin)),
            ("unlinked viewer", Self.person(.viewer, user: nil)), ("viewer token", Self.token(.viewer)),
            ("editor token", Self.token(.editor)), ("admin token", Self.token(.admin)),
        ]
        // For each action: the callers allowed as an owner, and as a non-owner.
        let expected: [(Action, owner: Set<String>, other: Set<String>)] = [
            (.read, ["viewer", "editor", "admin", "unlinked viewer", "viewer token", "editor token", "admin token"],
             ["viewer", "editor", "admin", "unlinked viewer", "viewer token", "editor token", "admin token"]),
            (.participate, ["viewer", "editor", "admin"], ["viewer", "editor", "admin"]),
            (.edit, ["editor", "admin", "editor token", "admin token"], ["editor", "admin", "editor token", "admin token"]),
            (.administer, ["admin", "admin token"], ["admin", "admin token"]),
            (.actAsOwner, ["viewer", "editor", "admin", "admin token"], ["admin", "admin token"]),
            (.actFor(user: "user:default/jane"), ["viewer", "editor", "admin", "admin token"], ["viewer", "editor", "admin", "admin token"]),
            (.actFor(user: "user:default/bob"), ["admin", "admin token"], ["admin", "admin token"]),
        ]
        for (action, owners, others) in expected {
            for (name, principal) in callers {
                #expect((AccessPolicy.refusal(principal, action, isOwner: true) == nil) == owners.contains(name), "\(name) \(action) as owner")
                #expect((AccessPolicy.refusal(principal, action, isOwner: false) == nil) == others.contains(name), "\(name) \(action)")
            }
        }
    }

    @Test func anonymousCallersGet401AndSignedInOnesWithoutTheRight403() {
        #expect(AccessPolicy.refusal(nil, .edit)?.status == .unauthorized)
        #expect(AccessPolicy.refusal(nil, .read)?.status == .unauthorized)
        #expect(AccessPolicy.refusal(nil, .read, guestsAllowed: true) == nil)
        #expect(AccessPolicy.refusal(nil, .edit, guestsAllowed: true)?.status == .unauthorized, "guests never write")
        #expect(AccessPolicy.refusal(Self.person(.viewer), .edit)?.status == .forbidden)
        #expect(AccessPolicy.refusal(Self.person(.viewer), .edit)?.message.contains("needs the editor role") == true)
    }

    @Test func theAuditNamesTokensAndPeopleApart() {
        #expect(Self.token(.admin).actor == "token:ci")
        #expect(Self.person(.viewer).actor == "user:default/jane")
        #expect(Self.person(.viewer, user: nil).actor == "account:jane")
    }
}
