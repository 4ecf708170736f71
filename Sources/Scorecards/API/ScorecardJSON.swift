import Catalog
import FoyerCore

/// The JSON shapes of `scorecards.md`, built from the model.
enum ScorecardJSON {
    static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
    static func count(_ value: Int) -> JSONValue { .number(Double(value)) }

    static func check(_ check: Check) -> JSONValue {
        .object(["name": .string(check.name), "title": .string(check.title), "description": optional(check.description),
                 "appliesTo": check.appliesToSource ?? .null, "rule": check.ruleSource,
                 "passedMessage": optional(check.passedMessage), "failedMessage": optional(check.failedMessage)])
    }

    static func track(_ track: Track) -> JSONValue {
        .object(["name": .string(track.name), "title": .string(track.title), "description": optional(track.description),
                 "appliesTo": track.appliesToSource ?? .null,
                 "levels": .array(track.levels.map { .object(["name": .string($0.name), "checks": .array($0.checks.map(JSONValue.string))]) })])
    }

    static func target(_ target: Campaign.Target) -> JSONValue {
        switch target {
        case .check(let check): .object(["check": .string(check)])
        case .track(let track, let level): .object(["track": .string(track), "level": .string(level)])
        }
    }

    static func campaign(_ campaign: Campaign) -> JSONValue {
        .object(["name": .string(campaign.name), "title": .string(campaign.title), "description": optional(campaign.description),
                 "owner": optional(campaign.owner?.description), "appliesTo": campaign.appliesToSource ?? .null,
                 "target": target(campaign.target), "startDate": .string(campaign.startDate.description),
                 "deadline": .string(campaign.deadline.description)])
    }

    static func summary(_ summary: TrackSummary) -> [String: JSONValue] {
        ["track": .string(summary.track),
         "levels": .array(summary.levels.map { .object(["name": .string($0.name), "entities": count($0.entities)]) }),
         "none": count(summary.none),
         "groups": .array(summary.groups.map { group in
             .object(["groupRef": .string(group.group.description), "levels": .object(group.levels.mapValues(count)), "none": count(group.none)])
         })]
    }

    static func progress(_ progress: CampaignProgress, campaign: Campaign) -> [String: JSONValue] {
        ["campaign": .string(progress.campaign), "total": count(progress.total), "done": count(progress.done),
         "percent": progress.percent.map(JSONValue.number) ?? .null, "deadline": .string(campaign.deadline.description),
         "startDate": .string(campaign.startDate.description), "target": target(campaign.target),
         "byOwner": .array(progress.byOwner.map { owner in
             .object(["owner": optional(owner.owner?.description), "total": count(owner.total), "done": count(owner.done)])
         })]
    }

    static func exemption(_ exemption: Exemption) -> JSONValue {
        .object(["id": .string(exemption.id), "entityRef": .string(exemption.entityRef), "check": .string(exemption.check),
                 "reason": .string(exemption.reason), "expires": exemption.expiresAt.map { .string(EpochMillis($0).iso8601) } ?? .null,
                 "createdBy": .string(exemption.createdBy), "createdAt": .string(EpochMillis(exemption.createdAt).iso8601)])
    }

    /// One entity's tracks: its level in each and every check of the track with its result.
    static func entity(_ ref: EntityRef, snapshot: ScorecardSnapshot, exemptions: ActiveExemptions) -> JSONValue {
        .object(["entityRef": .string(ref.description),
                 "tracks": .array(EntityScorecard(ref, snapshot: snapshot, exemptions: exemptions).tracks.map { track in
                     .object(["track": .string(track.track.name), "level": optional(track.levelName), "levelIndex": count(track.levelIndex),
                              "checks": .array(track.checks.map { line in
                                  .object(["check": .string(line.check.name), "result": .string(line.result.rawValue), "message": optional(line.message)])
                              })])
                 })])
    }
}
