import FoyerCore

/// A person's earlier answer to, or dismissal of, a survey.
public struct PastResponse: Sendable, Equatable {
    public let survey: String
    /// The start of the survey's window when it was answered: a survey run again in a new window may ask again.
    public let windowStart: Day
    /// Milliseconds since 1970, UTC.
    public let at: Int64
    public let dismissed: Bool

    public init(survey: String, windowStart: Day, at: Int64, dismissed: Bool) {
        self.survey = survey
        self.windowStart = windowStart
        self.at = at
        self.dismissed = dismissed
    }
}

/// Whether a survey may ask a person now, and if not, why.
public enum Eligibility: Sendable, Equatable {
    case eligible
    case closed
    case notInAudience
    /// Answered or dismissed in this window already.
    case alreadyResponded
    /// Answered or dismissed some survey within the frequency cap; askable again from `until` (ms).
    case askedRecently(until: Int64)
}

extension Survey {
    /// Whether this survey may ask the person with `facts` and `history` at `now` (ms, UTC).
    public func eligibility(at now: Int64, facts: AudienceFacts, history: [PastResponse]) -> Eligibility {
        if let reason = timing(at: now, history: history) { return reason }
        return audience.includes(facts) ? .eligible : .notInAudience
    }

    /// Why the survey may not ask now whoever the person is (closed, answered, asked recently); nil
    /// when only the audience is left to decide, which costs queries and is worked out last.
    public func timing(at now: Int64, history: [PastResponse]) -> Eligibility? {
        guard isOpen(at: now) else { return .closed }
        if history.contains(where: { $0.survey == name && $0.windowStart == start }) { return .alreadyResponded }
        let cap = Int64(frequencyCapDays) * 86_400_000
        if let last = history.map(\.at).max(), now < last + cap { return .askedRecently(until: last + cap) }
        return nil
    }

    /// The survey to prompt the person with at `now`: of those they may be asked, the one closing
    /// first (then by name), so nobody sees two prompts at once.
    public static func prompt(among surveys: [Survey], at now: Int64, facts: AudienceFacts, history: [PastResponse]) -> Survey? {
        surveys.filter { $0.eligibility(at: now, facts: facts, history: history) == .eligible }
            .min { ($0.end, $0.name) < ($1.end, $1.name) }
    }
}
