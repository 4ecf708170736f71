import Catalog

/// The history rows one evaluation gives: the organisation and every group, all features and each.
enum HistoryRows {
    static func rows(for state: AdoptionState) -> [AdoptionHistoryStore.Row] {
        var all = rows(scope: AdoptionHistoryStore.organisation, totals: state.organisation)
        for group in state.groups { all += rows(scope: group.ref.description, totals: group.totals) }
        return all
    }

    private static func rows(scope: String, totals: AdoptionTotals) -> [AdoptionHistoryStore.Row] {
        [AdoptionHistoryStore.Row(scope: scope, feature: AdoptionHistoryStore.allFeatures, unlocked: totals.unlocked,
                                  applicable: totals.applicable, entities: totals.entities)]
            + totals.features.map { item in
                AdoptionHistoryStore.Row(scope: scope, feature: item.feature, unlocked: item.unlocked, applicable: item.applicable, entities: 0)
            }
    }
}
