import Adoption
import Catalog
import FoyerCore
import Hummingbird
import Insights

/// `GET /learn`, `GET /learn/{path}` and `POST /learn/{path}/steps/{step}` (check off a manual step).
struct LearnPages: Sendable {
    let site: Site

    struct PathSummary {
        let name: String
        let title: String
        let description: String?
        let url: String
        let onboarding: Bool
        let feature: String?
        let stepCount: Int
        /// The viewer's progress, when signed in.
        let progress: String?
    }

    struct Index {
        let signedIn: Bool
        let paths: [PathSummary]
    }

    func register(on router: Router<FoyerRequestContext>) {
        router.get("learn") { request, context in try await index(request, context) }
        router.get("learn/:path") { request, context in try await show(try context.parameters.require("path"), request: request, context) }
        router.post("learn/:path/steps/:step") { request, context in
            let path = try context.parameters.require("path"), step = try context.parameters.require("step")
            _ = try await site.learning.checkOff(user: try context.signedInPerson(), path: path, step: step)
            return PageRenderer.redirect(to: "/learn/\(HTMLText.queryEscape(path))#step-\(HTMLText.queryEscape(step))")
        }
    }

    func index(_ request: Request, _ caller: FoyerRequestContext) async throws -> Response {
        let context = try await site.context(for: request, caller)
        let state = try await site.adoption.current()
        var paths: [PathSummary] = []
        for path in state.paths {
            var progress: String?
            if let viewer = context.viewer {
                let mine = try await site.learning.progress(user: viewer.ref, path: path.name)
                progress = "\(mine.completed) of \(mine.total) done"
            }
            paths.append(PathSummary(name: path.name, title: path.title, description: path.description, url: "/learn/\(HTMLText.queryEscape(path.name))",
                                     onboarding: path.onboarding, feature: path.feature.flatMap { state.feature($0)?.title ?? $0 },
                                     stepCount: path.steps.count, progress: progress))
        }
        // Onboarding first: it is where a new person starts.
        paths.sort { ($0.onboarding ? 0 : 1, $0.title) < ($1.onboarding ? 0 : 1, $1.title) }
        return site.renderer.response(Page(title: "Learn", template: "learn-index", content: Index(signedIn: context.viewer != nil, paths: paths)),
                                      context: context)
    }

    func show(_ name: String, request: Request, _ caller: FoyerRequestContext) async throws -> Response {
        let context = try await site.context(for: request, caller)
        let state = try await site.adoption.current()
        guard let path = state.path(name) else { throw FoyerError.notFound("There is no learning path named \(name).") }
        var progress: PathProgress?
        if let viewer = context.viewer { progress = try await site.learning.progress(user: viewer.ref, path: path.name) }
        let statistics = try await site.learning.statistics(path: path.name)
        let helpful = try await site.feedback.helpful.counts(prefix: LearningPathView.subject(path: path.name, step: ""))
        let view = LearningPathView(path: path, feature: path.feature.flatMap { state.feature($0) }, progress: progress,
                                    statistics: statistics, signedIn: context.viewer != nil, helpful: helpful)
        return site.renderer.response(Page(title: path.title, template: "learn-path", content: view), context: context)
    }
}
