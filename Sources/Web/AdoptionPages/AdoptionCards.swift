import Adoption
import Catalog
import EntityRules
import FoyerCore
import Insights

/// The entity page's "Unlock more" card: what the entity has, and for each locked feature the YAML
/// to add and the path that teaches it.
struct UnlockCard {
    struct Locked {
        let name: String
        let title: String
        // Not `description`: a nil here must not show the entity's own description from the page context.
        let about: String?
        let yaml: String?
        let learnURL: String?
        /// "Was this helpful?" about the card, for signed-in people.
        let helpful: HelpfulForm?
    }

    let percent: String
    let unlockedTitles: [String]
    let unlockedCount: Int
    let locked: [Locked]
    let applicable: Int

    /// `page`: the entity page's path, where the "Was this helpful?" form returns.
    init(_ adoption: EntityAdoption, page: String, signedIn: Bool) {
        percent = PercentText.text(adoption.percent)
        unlockedTitles = adoption.unlocked.map(\.title)
        unlockedCount = adoption.unlocked.count
        locked = adoption.locked.map { feature in
            Locked(name: feature.name, title: feature.title, about: feature.description, yaml: feature.snippet,
                   learnURL: feature.learningPath.map { "/learn/\(HTMLText.queryEscape($0))" },
                   helpful: signedIn ? HelpfulForm(subject: "feature:\(feature.name)", back: "\(page)#unlock-\(HTMLText.queryEscape(feature.name))") : nil)
        }
        applicable = adoption.applicable
    }
}

/// A team page's adoption: the share per feature (sub-teams included) with its change over 30 days,
/// and the onboarding progress of the team's new members.
struct TeamAdoptionView {
    struct FeatureRow {
        let title: String
        let detail: String
        let percent: String
        let trend: String
    }

    let percent: String
    let features: [FeatureRow]
    let trendSVG: String
    let newMembers: [MemberOnboarding]

    static let trendDays = 30

    static func build(group: EntityRef, members: [EntityRef], site: Site, now: EpochMillis = .now()) async throws -> TeamAdoptionView {
        let state = try await site.adoption.current()
        let totals = state.group(group) ?? state.snapshot.totals(ofGroup: group)
        let since = Day(epochMillis: now.value).number - trendDays
        let history = try await site.adoptionHistory.historyByFeature(scope: group.description, since: since)
        let features = totals.features.map { item -> FeatureRow in
            let title = state.feature(item.feature)?.title ?? item.feature
            let earliest = history[item.feature]?.first
            let trend = earliest.flatMap { Percent.of($0.unlocked, $0.applicable) }.flatMap { then in
                item.percent.map { now in Self.change(now - then) }
            } ?? "new"
            return FeatureRow(title: title, detail: "\(item.unlocked) of \(item.applicable)", percent: PercentText.text(item.percent), trend: trend)
        }
        let points = (history[AdoptionHistoryStore.allFeatures] ?? []).compactMap { point in
            Percent.of(point.unlocked, point.applicable).map { PercentChart.Point(day: Day(point.day), percent: $0) }
        }
        let newMembers = try await site.learning.newUsers(among: members, now: now)
        var onboarding: [MemberOnboarding] = []
        for member in members where newMembers.contains(member) {
            onboarding.append(try await MemberOnboarding.build(member, site: site, state: state))
        }
        return TeamAdoptionView(percent: PercentText.text(totals.percent), features: features,
                                trendSVG: PercentChart.svg(points, label: "Features unlocked by this team over \(trendDays) days"),
                                newMembers: onboarding)
    }

    /// `+8.3 pts`, `−2 pts`, `no change`.
    static func change(_ delta: Double) -> String {
        let rounded = (delta * 10).rounded() / 10
        if rounded == 0 { return "no change" }
        let magnitude = abs(rounded) == abs(rounded).rounded() ? "\(Int(abs(rounded)))" : "\(abs(rounded))"
        return (rounded > 0 ? "+" : "−") + magnitude + " pts"
    }
}

/// One person's progress on the onboarding paths, with the next step to take.
struct MemberOnboarding {
    struct PathLine {
        let title: String
        let url: String
        let percent: String
        let value: Int
        let nextStep: String?
        let nextURL: String?
    }

    let person: EntityLink
    let paths: [PathLine]

    static func build(_ user: EntityRef, site: Site, state: AdoptionState) async throws -> MemberOnboarding {
        var lines: [PathLine] = []
        for path in state.paths where path.onboarding {
            let progress = try await site.learning.progress(user: user, path: path.name)
            let url = "/learn/\(HTMLText.queryEscape(path.name))"
            let next = progress.nextStep.flatMap { path.step($0) }
            lines.append(PathLine(title: path.title, url: url, percent: PercentText.text(progress.percent),
                                  value: Int((progress.percent ?? 0).rounded()), nextStep: next?.title,
                                  nextURL: next.map { "\(url)#step-\(HTMLText.queryEscape($0.id))" }))
        }
        return MemberOnboarding(person: EntityLink(user), paths: lines)
    }
}
