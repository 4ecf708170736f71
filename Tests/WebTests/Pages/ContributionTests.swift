import Catalog
import FoyerCore
import FoyerTestSupport
import HTTPTypes
import HummingbirdTesting
import Insights
import NIOCore
import Testing
@testable import Web

/// A tab a later module (say, scorecards) would add to component pages.
struct ScoreTab: EntityTab {
    var id: String { "score" }
    var title: String { "Score" }
    func applies(to entity: Entity) -> Bool { entity.kind == "Component" }
    func render(entity: StoredEntity, viewer: EntityRef?, admin: Bool) async throws -> String { "<p class=\"score\">\(HTMLText.escape(entity.ref.name)) scores 3/5</p>" }
}

/// A home card a later module (say, onboarding) would add for signed-in people.
struct OnboardingCard: HomeCard {
    var title: String { "Your onboarding" }
    func render(viewer: EntityRef?) async throws -> String? { viewer.map { "<p>\(HTMLText.escape($0.name)) is 40 % through</p>" } }
}

@Suite struct ContributionTests {
    @Test func modulesAddEntityTabsAndHomeCards() async throws {
        let folder = try TestFolder()
        try folder.write("catalog-info.yaml", [PortalDescriptors.group("payments", members: ["ada"]), PortalDescriptors.user("ada", displayName: "Ada"),
                                               PortalDescriptors.component("checkout", owner: "payments")].joined(separator: "\n---\n"))
        let modules = try portalModules(contributions: PageContributions(entityTabs: [ScoreTab()], homeCards: [OnboardingCard()]))
        try await TestServer.with(modules: modules, configure: {
            $0.catalogPaths = [folder.path]
            $0.dataDir = folder.path + "/data"
        }) { server, client in
            try await server.startModules()
            let overview = try await client.page("/catalog/default/component/checkout").text
            #expect(overview.contains(#"<a href="/catalog/default/component/checkout?tab=score">Score</a>"#))
            #expect(!overview.contains("scores 3/5"))
            #expect(try await client.page("/catalog/default/component/checkout?tab=score").text.contains(#"<p class="score">checkout scores 3/5</p>"#))
            #expect(!(try await client.page("/catalog/default/group/payments").text.contains("?tab=score")), "the tab applies to components only")
            #expect(!(try await client.page("/").text.contains("Your onboarding")), "nobody signed in: no card")
            let cookie = try await client.signIn("ada")
            #expect(try await client.page("/", cookie: cookie).text.contains("<h2>Your onboarding</h2><p>ada is 40 % through</p>"))
        }
    }

    @Test func serverFaultsKeepTheirDetailsOutOfTheErrorPage() {
        let fault = ErrorPage.page(for: FoyerError(.database, "password authentication failed for user foyer"))
        #expect(fault.status == .internalServerError && fault.title == "Something went wrong")
        #expect(!"\(fault.content)".contains("password"))
        let missing = ErrorPage.page(for: .notFound("There is no entity component:default/x in the catalog."))
        #expect(missing.status == .notFound && "\(missing.content)".contains("component:default/x"))
    }
}
