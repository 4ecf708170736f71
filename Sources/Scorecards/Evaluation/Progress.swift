import Catalog
import EntityRules

/// How a track's entities spread over its levels, overall and per owning group.
public struct TrackSummary: Sendable, Equatable {
    public struct GroupLevels: Sendable, Equatable {
        public let group: EntityRef
        /// Entities at each level, by level name (every level listed, zero included).
        public let levels: [String: Int]
        public let none: Int
    }

    public let track: String
    /// Entities whose highest level is each level, lowest first.
    public let levels: [(name: String, entities: Int)]
    public let none: Int
    public let groups: [GroupLevels]

    public init(track: Track, snapshot: ScorecardSnapshot, exemptions: ActiveExemptions) {
        self.track = track.name
        var counts = [Int](repeating: 0, count: track.levels.count + 1)
        var byGroup: [EntityRef: [Int]] = [:]
        for entity in snapshot.members(of: track) {
            let level = snapshot.level(in: track, of: entity, exemptions: exemptions) ?? 0
            counts[level] += 1
            if let owner = snapshot.owner(of: entity), owner.kind == "group" {
                byGroup[owner, default: [Int](repeating: 0, count: track.levels.count + 1)][level] += 1
            }
        }
        levels = track.levels.enumerated().map { ($0.element.name, counts[$0.offset + 1]) }
        none = counts[0]
        groups = byGroup.keys.sorted().map { group in
            let counts = byGroup[group]!
            return GroupLevels(group: group, levels: Dictionary(uniqueKeysWithValues: track.levels.enumerated().map { ($0.element.name, counts[$0.offset + 1]) }),
                               none: counts[0])
        }
    }

    public static func == (lhs: TrackSummary, rhs: TrackSummary) -> Bool {
        lhs.track == rhs.track && lhs.levels.map(\.name) == rhs.levels.map(\.name) && lhs.levels.map(\.entities) == rhs.levels.map(\.entities)
            && lhs.none == rhs.none && lhs.groups == rhs.groups
    }
}

/// A campaign's progress: how many of its entities are done, overall and per owner.
public struct CampaignProgress: Sendable, Equatable {
    public struct OwnerProgress: Sendable, Equatable {
        /// Nil for entities without an owner.
        public let owner: EntityRef?
        public let total: Int
        public let done: Int
        public var percent: Double? { Percent.of(done, total) }
    }

    public let campaign: String
    public let total: Int
    public let done: Int
    public let byOwner: [OwnerProgress]
    /// Entities still to do, with their owners, sorted by ref.
    public let remaining: [(entity: EntityRef, owner: EntityRef?)]
    /// False when the target names a check or track that does not exist.
    public let targetExists: Bool

    public var percent: Double? { Percent.of(done, total) }

    public init(campaign: Campaign, snapshot: ScorecardSnapshot, exemptions: ActiveExemptions) {
        self.campaign = campaign.name
        let coverage = snapshot.coverage(of: campaign)
        targetExists = coverage != nil
        var totals: [EntityRef?: (total: Int, done: Int)] = [:]
        var remaining: [(entity: EntityRef, owner: EntityRef?)] = []
        var done = 0
        // A track target's level, resolved once rather than per entity.
        var trackTarget: (track: Track, level: Int)?
        if case .track(let name, let level) = campaign.target, let track = snapshot.track(name), let index = track.levelIndex(level) {
            trackTarget = (track, index)
        }
        for entity in coverage ?? [] {
            let owner = snapshot.owner(of: entity)
            let isDone = trackTarget.map { (snapshot.level(in: $0.track, of: entity, exemptions: exemptions) ?? 0) >= $0.level }
                ?? snapshot.isDone(entity, in: campaign, exemptions: exemptions)
            totals[owner, default: (0, 0)].total += 1
            if isDone {
                totals[owner, default: (0, 0)].done += 1
                done += 1
            } else {
                remaining.append((entity, owner))
            }
        }
        total = coverage?.count ?? 0
        self.done = done
        byOwner = totals.keys.sorted { ($0?.description ?? "~") < ($1?.description ?? "~") }.map { owner in
            OwnerProgress(owner: owner, total: totals[owner]!.total, done: totals[owner]!.done)
        }
        // Sorted by ref text, written out once per entity rather than at every comparison.
        self.remaining = remaining.map { ($0, $0.entity.description) }.sorted { $0.1 < $1.1 }.map(\.0)
    }

    public static func == (lhs: CampaignProgress, rhs: CampaignProgress) -> Bool {
        lhs.campaign == rhs.campaign && lhs.total == rhs.total && lhs.done == rhs.done && lhs.byOwner == rhs.byOwner
            && lhs.remaining.map(\.entity) == rhs.remaining.map(\.entity)
    }
}
