/// One evaluation with the exemptions in force at one moment. Summaries and progress walk every
/// entity, so each is computed once and kept until the catalog version or those exemptions change.
public struct ScorecardAnswers: Sendable {
    public let state: ScorecardState
    public let exemptions: ActiveExemptions

    public var snapshot: ScorecardSnapshot { state.snapshot }

    public func summary(of track: Track) -> TrackSummary {
        Self.summaries.value(for: key(track.name)) { TrackSummary(track: track, snapshot: snapshot, exemptions: exemptions) }
    }

    public func progress(of campaign: Campaign) -> CampaignProgress {
        Self.progress.value(for: key(campaign.name)) { CampaignProgress(campaign: campaign, snapshot: snapshot, exemptions: exemptions) }
    }

    private func key(_ name: String) -> String {
        "\(state.stamp.instance):\(state.stamp.version)|\(exemptions.fingerprint)|\(name)"
    }

    private static let summaries = AnswerCache<TrackSummary>(capacity: 200)
    private static let progress = AnswerCache<CampaignProgress>(capacity: 200)
}
