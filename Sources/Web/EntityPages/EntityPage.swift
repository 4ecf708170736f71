import Catalog
import FoyerCore
import Hummingbird
import Insights

/// `GET /catalog/{namespace}/{kind}/{name}`: one entity, with team and person sections for groups and users.
struct EntityPage: Sendable {
    let site: Site

    func register(on router: Router<FoyerRequestContext>) {
        router.get("catalog/:namespace/:kind/:name") { request, context in
            let ref = EntityRef(kind: try context.parameters.require("kind"), namespace: try context.parameters.require("namespace"),
                                name: try context.parameters.require("name"))
            return try await show(ref, request: request, context)
        }
    }

    func show(_ ref: EntityRef, request: Request, _ caller: FoyerRequestContext) async throws -> Response {
        let reader = site.catalog.reader
        guard let stored = try await reader.entity(ref: ref) else { throw FoyerError.notFound("There is no entity \(ref) in the catalog.") }
        let related = try await relatedEntities(of: stored)
        var problems: [CatalogProblem] = []
        if let locationID = stored.locationID {
            problems = try await site.catalog.locations.problems(locationID: locationID).filter { $0.entityRef == ref.description }
        }
        let recent = Self.recentWeeks(now: EpochMillis.now().value)
        let members = stored.relations.filter { $0.type == RelationType.hasMember }.map(\.target.description)
        let activity = try await site.kpis.activity(of: members, range: recent).mapValues {
            MemberActivity(activeDays: $0.days, lastActive: $0.last.description)
        }
        var view = EntityView(stored: stored, related: related, problems: problems, activity: activity)
        let (weeks, viewers) = try await site.kpis.series(.entities, key: ref.description, range: recent, grouping: .week)
        view.viewCount = weeks.map(\.events).reduce(0, +)
        view.viewerCount = viewers
        view.viewsSVG = ViewsChart.svg(weeks)
        // After the counts above, so they are the views before this one.
        var context = try await site.context(for: request, caller)
        if ref.kind == "group" {
            let members = stored.relations.filter { $0.type == RelationType.hasMember }.map(\.target)
            view.teamAdoption = try await TeamAdoptionView.build(group: ref, members: members, site: site)
            view.teamScorecards = try await TeamScorecards.build(group: ref, site: site)
            view.teamFeedback = try await TeamFeedback.build(group: ref, site: site)
        } else if let adoption = try await site.adoption.current().snapshot.entity(ref), adoption.applicable > 0 {
            view.unlock = UnlockCard(adoption, page: EntityLinks.path(ref), signedIn: context.viewer != nil)
        }
        let entity = Entity(document: stored.body)
        let tabs = site.contributions.entityTabs.filter { $0.applies(to: entity) }
        view.selectTab(QueryParameters(request.uri.query).first("tab"), extra: tabs.map { ($0.id, $0.title) })
        if let tab = tabs.first(where: { $0.id == view.tab }) { view.contributedHTML = try await tab.render(entity: stored, viewer: context.viewer?.ref, admin: context.may(.administer)) }

        let history = VisitHistory(cookie: Cookies.value(VisitHistory.cookieName, in: request)).recording(ref)
        context.cookies.append(Cookies.set(VisitHistory.cookieName, history.cookieValue))
        return site.renderer.response(Page(title: view.title, template: "entity", content: view), context: context)
    }

    /// The last twelve whole ISO weeks up to today: the window entity and team usage is shown for.
    static func recentWeeks(now: Int64) -> DayRange {
        let today = Day(epochMillis: now)
        return DayRange(from: today.weekStart + -77, to: today)
    }

    /// The entities `stored` relates to (documents only, for titles), and its systems with their
    /// relations, since a component's domain comes through its system.
    private func relatedEntities(of stored: StoredEntity) async throws -> [EntityRef: StoredEntity] {
        let refs = Array(Set(stored.relations.map(\.target)))
        let reader = site.catalog.reader
        var related: [EntityRef: StoredEntity] = [:]
        for case let entity? in try await reader.entities(refs: refs, relations: false) { related[entity.ref] = entity }
        let systems = stored.relations.filter { $0.type == RelationType.partOf && $0.target.kind == "system" }.map(\.target)
        for case let system? in try await reader.entities(refs: systems) { related[system.ref] = system }
        return related
    }
}
