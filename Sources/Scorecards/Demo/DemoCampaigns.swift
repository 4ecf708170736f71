import FoyerCore

/// The demo's campaigns, dated around the day the demo is loaded, and a month of history that
/// climbs to today's figures.
enum DemoCampaigns {
    static func yaml(today: Day) -> String {
        """
        # Generated when the demo was loaded; dates are relative to that day.
        apiVersion: foyer.dev/v1alpha1
        kind: Campaign
        metadata:
          name: docs-for-every-service
          title: Docs for every service
          description: Every service publishes its docs in the portal before the quarter ends.
        spec:
          owner: group:default/team-platform
          appliesTo: kind=component,spec.type=service
          target: { check: has-docs }
          startDate: "\((today + -40).description)"
          deadline: "\((today + 50).description)"
        ---
        apiVersion: foyer.dev/v1alpha1
        kind: Campaign
        metadata:
          name: production-ready-silver
          title: Production services reach Silver
          description: Every production component is owned, described, part of a system, documented and built by CI.
        spec:
          owner: group:default/team-sre
          appliesTo: kind=component,spec.lifecycle=production
          target: { track: production-readiness, level: Silver }
          startDate: "\((today + -75).description)"
          deadline: "\((today + -5).description)"
        """
    }

    /// Daily counts for the last 30 days, climbing from about half of today's to today's: campaigns'
    /// `done` and tracks' levels grow, the entities not yet at a level are the rest.
    static func history(today: Day, current: [String: [String: Int]]) -> [(Day, [String: [String: Int]])] {
        (1...30).reversed().map { daysAgo in
            let share = 1.0 - 0.5 * Double(daysAgo) / 30
            let counts = current.mapValues { keys -> [String: Int] in
                var scaled = keys
                var lowered = 0
                for (key, value) in keys where key == "done" || key.hasPrefix("level:") {
                    scaled[key] = Int((Double(value) * share).rounded(.down))
                    lowered += value - scaled[key]!
                }
                if let none = keys["none"] { scaled["none"] = none + lowered }
                return scaled
            }
            return (today + -daysAgo, counts)
        }
    }
}
