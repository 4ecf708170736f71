import Adoption
import Catalog
import Feedback
import Foundation
import FoyerCore
import Hummingbird
import Insights
import Scorecards

/// The portal's pages as a module: layout, home, catalog, entity, team and user pages, search,
/// admin, error pages and static assets. Other modules add entity tabs and home cards through `contributions`.
public struct WebModule: FoyerModule {
    public let contributions: PageContributions
    let templates: TemplateLibrary
    let adoption: AdoptionModule
    let scorecards: ScorecardsModule
    let feedback: FeedbackModule

    /// Loads the bundled templates; a template that does not parse stops the start with its name.
    public init(adoption: AdoptionModule, scorecards: ScorecardsModule, feedback: FeedbackModule,
                contributions: PageContributions = PageContributions()) throws {
        self.adoption = adoption
        self.scorecards = scorecards
        self.feedback = feedback
        self.contributions = contributions
        templates = try TemplateLibrary.bundled()
    }

    /// The number of people adoption is measured against: the catalog's `User` entities.
    public static func headcount(_ environment: ModuleEnvironment) -> any PeopleDirectory {
        CatalogHeadcount(reader: EntityReader(database: environment.database))
    }

    public var name: String { "web" }

    public var navigation: [NavigationEntry] {
        [NavigationEntry(title: "Home", path: "/", order: 0), NavigationEntry(title: "Insights", path: "/insights", order: 50),
         NavigationEntry(title: "Feedback", path: "/feedback", order: 55),
         NavigationEntry(title: "Search", path: "/search", order: 80),
         NavigationEntry(title: "Locations", path: "/admin/locations", order: 90),
         NavigationEntry(title: "Accounts", path: "/admin/accounts", order: 92, requiredRole: .admin),
         NavigationEntry(title: "Audit", path: "/admin/audit", order: 94, requiredRole: .admin)]
    }

    func site(_ environment: ModuleEnvironment) -> Site {
        let scorecards = scorecards.service(environment)
        var contributions = contributions
        let feedback = feedback.service(environment)
        contributions.entityTabs.append(ScorecardTab(templates: templates, scorecards: scorecards))
        contributions.entityTabs.append(FeedbackTab(templates: templates, feedback: feedback))
        return Site(renderer: PageRenderer(templates: templates, navigation: environment.navigation),
             catalog: adoption.catalog.service(environment), contributions: contributions,
             events: EventStore(database: environment.database), kpis: KPIStore(database: environment.database),
             adoption: adoption.engine(environment), adoptionHistory: AdoptionHistoryStore(database: environment.database),
             learning: adoption.tracker(environment), scorecards: scorecards, feedback: feedback)
    }

    public func registerRoutes(on router: Router<FoyerRequestContext>, environment: ModuleEnvironment) {
        let site = site(environment)
        AssetRoutes().register(on: router)
        HomePage(site: site).register(on: router)
        SignInPage(site: site, authenticator: environment.authenticator, demo: environment.configuration.demo).register(on: router)
        CatalogPage(site: site).register(on: router)
        EntityPage(site: site).register(on: router)
        SearchPage(site: site).register(on: router)
        LocationsPage(site: site).register(on: router)
        AccountsPage(site: site, authenticator: environment.authenticator).register(on: router)
        AuditPage(site: site, audit: AuditStore(database: environment.database)).register(on: router)
        PageEventsRoute(site: site).register(on: router)
        FeatureAdoptionPage(site: site).register(on: router)
        LearnPages(site: site).register(on: router)
        ScorecardPages(site: site).register(on: router)
        FeedbackPages(site: site).register(on: router)
        InsightsDashboard(site: site, kpis: KPIStore(database: environment.database),
                          people: ConfiguredPeople(Self.headcount(environment), configuration: environment.configuration)).register(on: router)
    }

    /// Browsers get errors as pages in the portal's layout.
    public func errorPage(for error: FoyerError, path: String, navigation: [NavigationEntry]) -> Response? {
        let renderer = PageRenderer(templates: templates, navigation: navigation)
        return renderer.response(ErrorPage.page(for: error), context: PageContext(viewer: nil, path: path))
    }
}

/// The 404 and 500 pages.
enum ErrorPage {
    struct Content {
        let status: Int
        let heading: String
        let message: String
    }

    static func page(for error: FoyerError) -> Page {
        let code = Int(error.status.code)
        let heading = switch code {
        case 404: "Page not found"
        case 400: "That request did not make sense"
        case 401, 403: "Not allowed"
        case 500...: "Something went wrong"
        default: error.status.reasonPhrase
        }
        // Server faults keep their details in the log, not the page.
        let message = code >= 500 ? "Foyer could not answer this page. The problem has been logged; try again in a moment." : error.message
        return Page(title: heading, template: "error", content: Content(status: code, heading: heading, message: message), status: error.status)
    }
}
