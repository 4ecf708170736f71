import FoyerCore
import HTTPTypes
import Hummingbird
import NIOCore

/// What every page needs to know about the request it answers.
struct PageContext: Sendable {
    /// The person the pages are personalised for, if they said who they are.
    var viewer: ViewerProfile?
    /// The request path, to mark the current navigation entry.
    var path: String
    /// What the global search box shows.
    var searchTerm: String = ""
    /// Cookies to set with the answer.
    var cookies: [String] = []
    /// A survey the viewer may answer, shown as a small, dismissible note above the page.
    var surveyPrompt: SurveyPrompt?
    /// This browser's form token, put into every form the page posts.
    var csrfToken = ""
    /// Who is asking (a signed-in person's account, or nobody), for what the page offers them.
    var principal: Principal?

    /// Whether the page should offer `action` (the API still decides when it is done).
    func may(_ action: Action) -> Bool { AccessPolicy.refusal(principal, action) == nil }
}

/// The survey note: a link to the survey and a form that dismisses it, both working without scripts.
struct SurveyPrompt: Sendable {
    let title: String
    let url: String
    let dismissURL: String
    /// Where dismissing returns to.
    let back: String
}

/// One page to answer: its title, template and the values the template reads.
struct Page {
    let title: String
    let template: String
    let content: Any
    var status: HTTPResponse.Status = .ok
}

/// Wraps pages in the layout and answers them as HTML, never cached (the security headers come from `SecurityHeaders`).
struct PageRenderer: Sendable {
    let templates: TemplateLibrary
    let navigation: [NavigationEntry]

    struct NavigationItem {
        let title: String
        let path: String
        let current: Bool
    }

    struct Layout {
        let title: String
        let navigation: [NavigationItem]
        let viewer: ViewerProfile?
        /// The signed-in account's name when it is not a catalog user (the viewer says who else).
        let account: String?
        let surveyPrompt: SurveyPrompt?
        let searchTerm: String
        let csrfToken: String
        let version: String
        let body: String
    }

    /// The whole HTML document for `page`.
    func html(_ page: Page, context: PageContext) -> String {
        let body = templates.render(page.content, template: page.template)
        let items = navigation.filter { entry in
            guard let role = entry.requiredRole else { return true }
            return context.principal.map { $0.role >= role } ?? false
        }.map { entry in
            NavigationItem(title: entry.title, path: entry.path,
                           current: entry.path == "/" ? context.path == "/" : context.path.hasPrefix(entry.path))
        }
        let layout = Layout(title: page.title, navigation: items, viewer: context.viewer, account: context.principal?.name,
                            surveyPrompt: context.surveyPrompt, searchTerm: context.searchTerm, csrfToken: context.csrfToken,
                            version: FoyerVersion.current, body: body)
        return FormTokens.insert(into: templates.render(layout, template: "layout"), token: context.csrfToken)
    }

    func response(_ page: Page, context: PageContext) -> Response {
        var headers = Self.headers
        for cookie in context.cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: page.status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html(page, context: context))))
    }

    /// A 303 to `location`, the answer to a form that changed something.
    static func redirect(to location: String, cookies: [String] = []) -> Response {
        var headers: HTTPFields = [.location: location]
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: .seeOther, headers: headers)
    }

    static let headers: HTTPFields = [
        .contentType: "text/html; charset=utf-8",
        .cacheControl: "no-store",
    ]
}
