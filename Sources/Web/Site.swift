import Adoption
import Foundation
import Catalog
import Feedback
import FoyerCore
import Hummingbird
import Insights
import Scorecards

/// What every page handler shares: the renderer, the catalog, and who is asking.
struct Site: Sendable {
    let renderer: PageRenderer
    let catalog: CatalogService
    let contributions: PageContributions
    let events: EventStore
    let kpis: KPIStore
    let adoption: AdoptionEngine
    let adoptionHistory: AdoptionHistoryStore
    let learning: LearningTracker
    let scorecards: ScorecardService
    let feedback: FeedbackService

    /// The page context of `request` from `caller`: the signed-in person (when they are a catalog
    /// user), the form token, and whether they may edit or administer. A signed-in person's page
    /// view is recorded as a `navigate` event.
    func context(for request: Request, _ caller: FoyerRequestContext, searchTerm: String = "") async throws -> PageContext {
        var context = PageContext(viewer: nil, path: request.uri.path, searchTerm: searchTerm)
        context.csrfToken = caller.csrfToken
        context.principal = caller.principal
        if let user = caller.principal?.user, let ref = EntityRef.parse(user), let entity = try await catalog.reader.entity(ref: ref) {
            context.viewer = ViewerProfile(entity)
            if request.method == .get {
                await record(PageActivity.navigate(path: request.uri.path, query: request.uri.query, user: ref, now: EpochMillis.now().value))
                context.surveyPrompt = await surveyPrompt(for: ref, path: request.uri.path)
            }
        }
        return context
    }

    /// The survey to ask `person` about on this page, if any; never on a survey's own pages, and a
    /// failure only costs the prompt.
    func surveyPrompt(for person: EntityRef, path: String) async -> SurveyPrompt? {
        guard !path.hasPrefix("/feedback/surveys/") else { return nil }
        do {
            guard let survey = try await feedback.prompt(for: person, at: EpochMillis.now().value) else { return nil }
            return SurveyPrompt(title: survey.title, url: "/feedback/surveys/\(HTMLText.queryEscape(survey.name))",
                                dismissURL: "/feedback/surveys/\(HTMLText.queryEscape(survey.name))/dismiss", back: path)
        } catch {
            catalog.logger.warning("could not work out the survey prompt", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// Links for the refs that exist, titled from the catalog; missing refs are left out.
    func titledLinks(_ refs: [EntityRef]) async throws -> [EntityRef: EntityLink] {
        var links: [EntityRef: EntityLink] = [:]
        for case let stored? in try await catalog.reader.entities(refs: Array(Set(refs)), relations: false) {
            links[stored.ref] = EntityLink(stored.ref, title: EntityLinks.title(Entity(document: stored.body)))
        }
        return links
    }

    /// Stores events of the signed-in person; analytics never break a page, so failures are only logged.
    func record(_ batch: UsageEvent...) async {
        await record(batch)
    }

    func record(_ batch: [UsageEvent]) async {
        guard !batch.isEmpty else { return }
        do {
            _ = try await events.ingest(batch)
        } catch {
            catalog.logger.warning("could not record a page event", metadata: ["error": "\(error)"])
        }
    }
}
