import Catalog
import FoyerCore
import Hummingbird

/// `GET /`: who you are and your team, what you own, what you visited, and cards other modules add.
struct HomePage: Sendable {
    let site: Site

    struct KindCount {
        let kind: String
        let count: Int
        let url: String
    }

    struct Visit {
        let link: EntityLink
        let count: Int
    }

    struct Card {
        let title: String
        let html: String
    }

    struct Home {
        let viewer: ViewerProfile?
        let teams: [EntityLink]
        let owned: [EntityLink]
        let kinds: [KindCount]
        let recent: [EntityLink]
        let mostVisited: [Visit]
        let cards: [Card]
        /// The viewer's onboarding paths, while they are new.
        let onboarding: MemberOnboarding?
    }

    static let ownedLimit = 20

    func register(on router: Router<FoyerRequestContext>) {
        router.get("/") { request, context in try await show(request, context) }
    }

    func show(_ request: Request, _ caller: FoyerRequestContext) async throws -> Response {
        let context = try await site.context(for: request, caller)
        let reader = site.catalog.reader
        var teams: [EntityLink] = []
        var owned: [EntityLink] = []
        if let viewer = context.viewer {
            let teamEntities = try await reader.entities(refs: viewer.teamRefs)
            teams = zip(viewer.teamRefs, teamEntities).map { ref, entity in
                EntityLink(ref, title: entity.map { EntityLinks.title(Entity(document: $0.body)) })
            }
            let owners = [viewer.ref] + viewer.teamRefs
            let filter = EntityFilter.allOf([(key: "relations.ownedBy", values: owners.map(\.description))])
            owned = try await reader.entities(EntityQuery(filter: filter), offset: 0, limit: Self.ownedLimit).map { stored in
                EntityLink(stored.ref, title: EntityLinks.title(Entity(document: stored.body)))
            }
        }
        let kinds = try await reader.facets(["kind"], query: EntityQuery())["kind"] ?? []
        let history = VisitHistory(cookie: Cookies.value(VisitHistory.cookieName, in: request))
        let visited = try await site.titledLinks(history.recent)
        var onboarding: MemberOnboarding?
        if let viewer = context.viewer, try await !site.learning.newUsers(among: [viewer.ref]).isEmpty {
            let state = try await site.adoption.current()
            if state.paths.contains(where: \.onboarding) { onboarding = try await MemberOnboarding.build(viewer.ref, site: site, state: state) }
        }
        var cards: [Card] = []
        for card in site.contributions.homeCards {
            if let html = try await card.render(viewer: context.viewer?.ref) { cards.append(Card(title: card.title, html: html)) }
        }
        let home = Home(
            viewer: context.viewer, teams: teams, owned: owned,
            kinds: kinds.map { KindCount(kind: $0.value, count: $0.count, url: "/catalog?kind=" + HTMLText.queryEscape($0.value.lowercased())) },
            recent: Array(history.recent.compactMap { visited[$0] }.prefix(8)),
            mostVisited: Array(history.mostVisited.compactMap { visit in visited[visit.ref].map { Visit(link: $0, count: visit.count) } }.prefix(5)),
            cards: cards, onboarding: onboarding)
        return site.renderer.response(Page(title: "Home", template: "home", content: home), context: context)
    }
}
