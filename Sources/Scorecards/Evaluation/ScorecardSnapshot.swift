import Catalog
import EntityRules
import FoyerCore

/// Every check's raw outcome for every entity of one catalog version; results, levels and campaign
/// progress are derived from it with the exemptions in force when asked.
public struct ScorecardSnapshot: Sendable {
    /// Sorted by name.
    public let checks: [Check]
    public let tracks: [Track]
    public let campaigns: [Campaign]
    private let checkIndex: [String: Int]
    /// Track and campaign positions by name: answers look them up once per entity.
    private let trackIndex: [String: Int]
    private let campaignIndex: [String: Int]
    /// Per entity: for each check, nil when it does not apply, else whether its rule holds.
    private var outcomes: [EntityRef: [Bool?]] = [:]
    /// Per track (by index): the entities it applies to.
    private var trackMembers: [Set<EntityRef>]
    /// Per campaign (by index): the entities its scope matches.
    private var campaignScope: [Set<EntityRef>]
    /// Each entity's owner (its `ownedBy` target), if any.
    private var owners: [EntityRef: EntityRef] = [:]

    public init(checks: [Check], tracks: [Track], campaigns: [Campaign]) {
        self.checks = checks.sorted { $0.name < $1.name }
        checkIndex = Dictionary(uniqueKeysWithValues: self.checks.enumerated().map { ($0.element.name, $0.offset) })
        self.tracks = tracks.sorted { $0.name < $1.name }
        self.campaigns = campaigns.sorted { $0.name < $1.name }
        trackIndex = Dictionary(self.tracks.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { first, _ in first })
        campaignIndex = Dictionary(self.campaigns.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { first, _ in first })
        trackMembers = Array(repeating: [], count: tracks.count)
        campaignScope = Array(repeating: [], count: campaigns.count)
    }

    /// Evaluates every check, track scope and campaign scope on `entities` (with their relations).
    public mutating func add(_ entities: [StoredEntity]) {
        merge(evaluate(QuestionSheet([questions]).answer(entities)[0]))
    }

    /// Each check's scope with its rule, then each track's and each campaign's scope.
    public var questions: EntityQuestions {
        EntityQuestions(scopes: checks.map(\.scope) + tracks.map(\.scope) + campaigns.map(\.scope), rules: checks.map(\.rule))
    }

    /// What one batch of entities adds, computed apart so batches can be evaluated in parallel.
    public struct Part: Sendable {
        let outcomes: [(EntityRef, [Bool?])]
        let trackMembers: [[EntityRef]]
        let campaignScope: [[EntityRef]]
        let owners: [(EntityRef, EntityRef)]
    }

    /// A batch answered to `questions`, as a part: pure, safe to run on any task.
    public func evaluate(_ batch: AnsweredBatch) -> Part {
        var outcomes: [(EntityRef, [Bool?])] = []
        var members = [[EntityRef]](repeating: [], count: tracks.count)
        var scoped = [[EntityRef]](repeating: [], count: campaigns.count)
        var owners: [(EntityRef, EntityRef)] = []
        outcomes.reserveCapacity(batch.count)
        for (position, entity) in batch.entities.enumerated() {
            outcomes.append((entity.ref, batch.satisfies(position)))
            for index in tracks.indices where batch.isInScope(position, scope: checks.count + index) { members[index].append(entity.ref) }
            for index in campaigns.indices where batch.isInScope(position, scope: checks.count + tracks.count + index) {
                scoped[index].append(entity.ref)
            }
            if let owner = entity.relations.first(where: { $0.type == RelationType.ownedBy })?.target { owners.append((entity.ref, owner)) }
        }
        return Part(outcomes: outcomes, trackMembers: members, campaignScope: scoped, owners: owners)
    }

    /// Adds an evaluated batch.
    public mutating func merge(_ part: Part) {
        for (ref, outcome) in part.outcomes { outcomes[ref] = outcome }
        for (index, refs) in part.trackMembers.enumerated() { trackMembers[index].formUnion(refs) }
        for (index, refs) in part.campaignScope.enumerated() { campaignScope[index].formUnion(refs) }
        for (entity, owner) in part.owners { owners[entity] = owner }
    }

    public var entityCount: Int { outcomes.count }
    public func check(_ name: String) -> Check? { checkIndex[name.lowercased()].map { checks[$0] } }
    public func track(_ name: String) -> Track? { trackIndex[name.lowercased()].map { tracks[$0] } }
    public func campaign(_ name: String) -> Campaign? { campaignIndex[name.lowercased()].map { campaigns[$0] } }
    public func owner(of entity: EntityRef) -> EntityRef? { owners[entity] }
    public func contains(_ entity: EntityRef) -> Bool { outcomes[entity] != nil }

    /// `check`'s result for `entity`; nil when either is unknown.
    public func result(_ check: String, for entity: EntityRef, exemptions: ActiveExemptions) -> CheckResult? {
        guard let index = checkIndex[check], let outcome = outcomes[entity] else { return nil }
        guard let passed = outcome[index] else { return .notApplicable }
        if exemptions.reason(entity: entity, check: check) != nil { return .exempt }
        return passed ? .passed : .failed
    }

    /// The highest level of `track` that `entity` reached (1-based, 0 for none): every check of that
    /// level and all below it is met. Nil when the track does not apply.
    public func level(in track: Track, of entity: EntityRef, exemptions: ActiveExemptions) -> Int? {
        guard let index = trackIndex[track.name], trackMembers[index].contains(entity) else { return nil }
        var reached = 0
        for level in track.levels {
            let met = level.checks.allSatisfy { result($0, for: entity, exemptions: exemptions)?.isMet ?? false }
            guard met else { break }
            reached += 1
        }
        return reached
    }

    /// The entities `track` applies to.
    public func members(of track: Track) -> Set<EntityRef> {
        trackIndex[track.name].map { trackMembers[$0] } ?? []
    }

    /// The tracks that apply to `entity`.
    public func tracks(for entity: EntityRef) -> [Track] {
        tracks.indices.filter { trackMembers[$0].contains(entity) }.map { tracks[$0] }
    }

    /// The entities `campaign` covers (its scope, and for a track target, the track's too); nil
    /// when the campaign names a check or track that does not exist.
    public func coverage(of campaign: Campaign) -> Set<EntityRef>? {
        guard let index = campaignIndex[campaign.name] else { return nil }
        switch campaign.target {
        case .check(let name):
            return check(name) == nil ? nil : campaignScope[index]
        case .track(let name, let level):
            guard let track = track(name), track.levelIndex(level) != nil else { return nil }
            return campaignScope[index].intersection(members(of: track))
        }
    }

    /// Whether `entity` meets `campaign`'s target.
    public func isDone(_ entity: EntityRef, in campaign: Campaign, exemptions: ActiveExemptions) -> Bool {
        switch campaign.target {
        case .check(let name):
            return result(name, for: entity, exemptions: exemptions)?.isMet ?? false
        case .track(let name, let levelName):
            guard let track = track(name), let target = track.levelIndex(levelName) else { return false }
            return (level(in: track, of: entity, exemptions: exemptions) ?? 0) >= target
        }
    }
}
