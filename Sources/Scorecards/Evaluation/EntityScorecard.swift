import Catalog

/// One entity's scorecard: each track that applies, its level, and each check with its result
/// and the message that goes with it (sorted by check name).
public struct EntityScorecard: Sendable {
    public struct CheckLine: Sendable {
        public let check: Check
        public let result: CheckResult
        /// The check's passed or failed message, or the exemption's reason.
        public let message: String?
    }

    public struct TrackLine: Sendable {
        public let track: Track
        /// 0 when no level is reached.
        public let levelIndex: Int
        public var levelName: String? { levelIndex > 0 ? track.levels[levelIndex - 1].name : nil }
        public let checks: [CheckLine]
    }

    public let ref: EntityRef
    public let tracks: [TrackLine]

    public init(_ ref: EntityRef, snapshot: ScorecardSnapshot, exemptions: ActiveExemptions) {
        self.ref = ref
        tracks = snapshot.tracks(for: ref).map { track in
            let checks = track.checkNames.compactMap { name -> CheckLine? in
                guard let check = snapshot.check(name), let result = snapshot.result(name, for: ref, exemptions: exemptions) else { return nil }
                let message: String? = switch result {
                case .passed: check.passedMessage
                case .failed: check.failedMessage
                case .exempt: exemptions.reason(entity: ref, check: name).map { "Exempt: \($0)" }
                case .notApplicable: nil
                }
                return CheckLine(check: check, result: result, message: message)
            }
            return TrackLine(track: track, levelIndex: snapshot.level(in: track, of: ref, exemptions: exemptions) ?? 0, checks: checks)
        }
    }
}
