import Catalog

/// A check's result for one entity (`scorecards.md`).
public enum CheckResult: String, Sendable, Codable, CaseIterable {
    case passed
    case failed
    case exempt
    case notApplicable = "not-applicable"

    /// Counts towards a level or a campaign: everything but `failed`.
    public var isMet: Bool { self != .failed }
}

/// The exemptions in force at one moment, by entity and check, with their reasons.
public struct ActiveExemptions: Sendable {
    private let byEntity: [EntityRef: [String: String]]
    /// Names this set of exemptions (their ids): answers derived with it can be cached under it.
    public let fingerprint: String

    public init(_ exemptions: [Exemption], at now: Int64) {
        var byEntity: [EntityRef: [String: String]] = [:]
        var ids: [String] = []
        for exemption in exemptions where exemption.isActive(at: now) {
            guard let ref = EntityRef.parse(exemption.entityRef) else { continue }
            byEntity[ref, default: [:]][exemption.check] = exemption.reason
            ids.append(exemption.id)
        }
        self.byEntity = byEntity
        fingerprint = ids.sorted().joined(separator: ",")
    }

    public static let none = ActiveExemptions([], at: 0)

    public func reason(entity: EntityRef, check: String) -> String? {
        byEntity.isEmpty ? nil : byEntity[entity]?[check]
    }
}

/// An entity excused from a check, with a reason and perhaps an expiry.
public struct Exemption: Sendable, Equatable, Codable {
    public let id: String
    public let entityRef: String
    public let check: String
    public let reason: String
    /// Epoch milliseconds; nil never expires.
    public let expiresAt: Int64?
    public let createdBy: String
    public let createdAt: Int64

    public init(id: String, entityRef: String, check: String, reason: String, expiresAt: Int64?, createdBy: String, createdAt: Int64) {
        self.id = id
        self.entityRef = entityRef
        self.check = check
        self.reason = reason
        self.expiresAt = expiresAt
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    public func isActive(at now: Int64) -> Bool { expiresAt.map { now < $0 } ?? true }
}
