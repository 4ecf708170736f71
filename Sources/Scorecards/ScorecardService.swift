import Catalog
import FoyerCore
import Hummingbird

/// The scorecards' use cases over the engine and the stores: answers with the exemptions in force,
/// and exemptions created and removed by those allowed to.
public struct ScorecardService: Sendable {
    public let engine: ScorecardEngine
    public let exemptions: ExemptionStore
    public let history: ScorecardHistoryStore

    public init(engine: ScorecardEngine, exemptions: ExemptionStore, history: ScorecardHistoryStore) {
        self.engine = engine
        self.exemptions = exemptions
        self.history = history
    }

    public func state() async throws -> ScorecardState { try await engine.current() }

    /// The evaluation and the exemptions in force `now`.
    public func current(now: EpochMillis = .now()) async throws -> (ScorecardSnapshot, ActiveExemptions) {
        let answers = try await answers(now: now)
        return (answers.snapshot, answers.exemptions)
    }

    /// The evaluation with the exemptions in force `now`, for summaries and progress.
    public func answers(now: EpochMillis = .now()) async throws -> ScorecardAnswers {
        ScorecardAnswers(state: try await engine.current(), exemptions: ActiveExemptions(try await exemptions.all(), at: now.value))
    }

    /// A track's level distribution and its daily history (a year).
    public func track(_ name: String, now: EpochMillis = .now()) async throws -> (TrackSummary, [(Day, [String: Int])]) {
        let answers = try await answers(now: now)
        guard let track = answers.snapshot.track(name) else { throw FoyerError.notFound("no track named '\(name)'") }
        let today = Day(epochMillis: now.value)
        let days = try await history.history(subject: ScorecardHistoryStore.subject(track: track.name), since: (today + -365).number)
        return (answers.summary(of: track), days.keys.sorted().map { (Day($0), days[$0]!) })
    }

    /// A campaign's progress and its daily history from its start, today's point from the live figure.
    public func campaign(_ name: String, now: EpochMillis = .now()) async throws -> (Campaign, CampaignProgress, [(day: Day, done: Int, total: Int)]) {
        let answers = try await answers(now: now)
        guard let campaign = answers.snapshot.campaign(name) else { throw FoyerError.notFound("no campaign named '\(name)'") }
        let progress = answers.progress(of: campaign)
        let today = Day(epochMillis: now.value)
        let days = try await history.history(subject: ScorecardHistoryStore.subject(campaign: campaign.name), since: campaign.startDate.number)
        var points = days.keys.sorted().filter { $0 < today.number }.map { (day: Day($0), done: days[$0]!["done"] ?? 0, total: days[$0]!["total"] ?? 0) }
        if today >= campaign.startDate { points.append((today, progress.done, progress.total)) }
        return (campaign, progress, points)
    }

    /// Creates an exemption after checking what the spec requires: a reason, an expiry in the future.
    public func exempt(entity: String, check: String, reason: String?, expires: String?, actor: String, now: EpochMillis = .now()) async throws -> Exemption {
        guard let ref = EntityRef.parse(entity) else { throw FoyerError.badRequest("'\(entity.prefix(100))' is not an entity reference") }
        let reason = (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw FoyerError.badRequest("an exemption needs a reason") }
        guard reason.count <= 1000 else { throw FoyerError.badRequest("the reason must be at most 1,000 characters") }
        let expiresAt = try expires.map { try Self.expiry($0) }
        if let expiresAt, expiresAt <= now.value { throw FoyerError.badRequest("expires \(expires!) is already in the past") }
        let snapshot = try await engine.current().snapshot
        guard snapshot.contains(ref) else { throw FoyerError.notFound("no entity \(ref) in the catalog") }
        guard snapshot.check(check) != nil else { throw FoyerError.notFound("no check named '\(check.prefix(100))'") }
        let exemption = Exemption(id: SortableID.make(now: now), entityRef: ref.description, check: check.lowercased(), reason: reason,
                                  expiresAt: expiresAt, createdBy: actor, createdAt: now.value)
        try await exemptions.create(exemption)
        return exemption
    }

    /// An RFC 3339 timestamp, or a date meaning the end of that day (UTC): the exemption counts
    /// until the next midnight.
    static func expiry(_ text: String) throws(FoyerError) -> Int64 {
        if text.count == 10, let day = Day(iso: text) { return (day + 1).epochMillis }
        guard let instant = EpochMillis(iso8601: text) else {
            throw .badRequest("expires '\(text.prefix(100))' is not an RFC 3339 timestamp or a date (YYYY-MM-DD)")
        }
        return instant.value
    }

    /// Who may change `entity`'s exemptions: an admin, or a signed-in person when they or one of
    /// their groups own it (an entity without an owner: admins only). Returns the actor recorded.
    func authorise(for entity: String, context: FoyerRequestContext) async throws -> String {
        // A ref that does not parse is owned by nobody: only admins pass, and `exempt` names the problem.
        guard let ref = EntityRef.parse(entity) else { return try context.authorize(.actAsOwner).actor }
        return try await context.authorizeOwner(of: ref, reader: engine.reader).actor
    }
}
