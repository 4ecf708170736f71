import Adoption
import Feedback
import FoyerCore

/// A learning path as its page shows it: steps grouped by stage, the viewer's progress, statistics.
struct LearningPathView {
    struct Step {
        let id: String
        let title: String
        let contentHTML: String?
        let how: String
        let done: Bool
        let completedAt: String?
        /// Where the check-off form posts, for manual steps the signed-in viewer has not done.
        let checkOffURL: String?
        /// The "Was this helpful?" form, for signed-in people.
        let helpful: HelpfulForm?
    }

    struct Stage {
        let title: String
        let hint: String
        let steps: [Step]
    }

    struct FunnelStep {
        let title: String
        let completed: Int
        let width: Int
        let helpfulYes: Int
        let helpfulNo: Int
    }

    let name: String
    let title: String
    let description: String?
    let onboarding: Bool
    let featureTitle: String?
    let signedIn: Bool
    let progressText: String?
    let progressPercent: Int
    let stages: [Stage]
    let funnel: [FunnelStep]
    let finished: Int
    let medianTime: String?

    /// `helpful`: the "Was this helpful?" answers about each step, by `learning:<path>/<step>`.
    init(path: LearningPath, feature: Feature?, progress: PathProgress?, statistics: PathStatistics, signedIn: Bool,
         helpful: [String: HelpfulCounts] = [:]) {
        name = path.name
        title = path.title
        description = path.description
        onboarding = path.onboarding
        featureTitle = feature?.title
        self.signedIn = signedIn
        progressText = progress.map { "\($0.completed) of \($0.total) steps done (\(PercentText.text($0.percent)))" }
        progressPercent = Int((progress?.percent ?? 0).rounded())
        let done = Dictionary(uniqueKeysWithValues: (progress?.steps ?? []).map { ($0.id, $0) })
        stages = LearningStep.Stage.allCases.compactMap { stage in
            let steps = path.steps.filter { $0.stage == stage }.map { step in
                let state = done[step.id]
                let manualOpen = step.completion == .manual && signedIn && !(state?.done ?? false)
                return Step(id: step.id, title: step.title, contentHTML: step.content.map(Markdown.html), how: Self.how(step),
                            done: state?.done ?? false, completedAt: state?.completedAt.map { String(EpochMillis($0).iso8601.prefix(10)) },
                            checkOffURL: manualOpen ? "/learn/\(HTMLText.queryEscape(path.name))/steps/\(HTMLText.queryEscape(step.id))" : nil,
                            helpful: signedIn ? HelpfulForm(subject: Self.subject(path: path.name, step: step.id),
                                                            back: "/learn/\(HTMLText.queryEscape(path.name))#step-\(HTMLText.queryEscape(step.id))") : nil)
            }
            return steps.isEmpty ? nil : Stage(title: Self.stageTitle(stage), hint: Self.stageHint(stage), steps: steps)
        }
        let users = max(1, statistics.steps.map(\.completed).max() ?? 1)
        funnel = zip(path.steps, statistics.steps).map { step, count in
            let answers = helpful[Self.subject(path: path.name, step: step.id)]
            return FunnelStep(title: step.title, completed: count.completed, width: 100 * count.completed / users,
                              helpfulYes: answers?.yes ?? 0, helpfulNo: answers?.no ?? 0)
        }
        finished = statistics.finished
        medianTime = statistics.medianMillisToComplete.map(Self.duration)
    }

    /// What "Was this helpful?" answers about a step are filed under.
    static func subject(path: String, step: String) -> String { "learning:\(path)/\(step)" }

    /// How a step completes, in words.
    static func how(_ step: LearningStep) -> String {
        switch step.completion {
        case .event(let action, let subject):
            let target = subject.prefix.map { "anything under \($0)" } ?? subject.text
            return action == "navigate" ? "Done when you visit \(target)." : "Done when you \(action) \(target)."
        case .ownedEntity: return "Done while an entity you or your team own meets the rule."
        case .manual: return "Check it off when you are done."
        }
    }

    static func stageTitle(_ stage: LearningStep.Stage) -> String {
        switch stage {
        case .tell: "Tell"
        case .show: "Show"
        case .do: "Do"
        case .review: "Review"
        }
    }

    static func stageHint(_ stage: LearningStep.Stage) -> String {
        switch stage {
        case .tell: "what it is and why it matters"
        case .show: "see it working"
        case .do: "try it on your own work"
        case .review: "check it worked and tell us"
        }
    }

    /// `3 days 4 hours`, `5 hours`, `12 minutes`.
    static func duration(_ millis: Int64) -> String {
        let minutes = millis / 60_000
        let days = minutes / 1440, hours = (minutes % 1440) / 60
        if days > 0 { return "\(days) day\(days == 1 ? "" : "s")" + (hours > 0 ? " \(hours) hour\(hours == 1 ? "" : "s")" : "") }
        if hours > 0 { return "\(hours) hour\(hours == 1 ? "" : "s")" }
        return "\(minutes) minute\(minutes == 1 ? "" : "s")"
    }
}
