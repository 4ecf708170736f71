import Adoption
import Catalog
import Foundation
import FoyerCore
import FoyerTestSupport
import HTTPTypes
import HummingbirdTesting
import Insights
import NIOCore
import Feedback
import Scorecards
import Testing
import Web

/// The modules a portal test serves: the catalog (with Foyer's own kinds), insights, adoption and pages.
func portalModules(contributions: PageContributions = PageContributions()) throws -> [any FoyerModule] {
    let builtIn = try BuiltInScorecards.load()
    let catalog = CatalogModule(customKinds: AdoptionModule.customKinds + ScorecardsModule.customKinds + FeedbackModule.customKinds) {
        [ScorecardsModule.locationCheck(builtIn: builtIn, database: $0)]
    }
    let adoption = try AdoptionModule(catalog: catalog)
    let scorecards = ScorecardsModule(catalog: catalog, builtIn: builtIn)
    let feedback = FeedbackModule(catalog: catalog)
    return [catalog, InsightsModule(people: WebModule.headcount), adoption, scorecards, feedback,
            try WebModule(adoption: adoption, scorecards: scorecards, feedback: feedback, contributions: contributions)]
}

/// A portal (catalog and pages) over a fresh test database, with `descriptors` registered as one file location.
func withPortal(_ descriptors: [String], _ body: @escaping @Sendable (any TestClientProtocol, TestFolder) async throws -> Void) async throws {
    let folder = try TestFolder()
    try folder.write("catalog-info.yaml", descriptors.joined(separator: "\n---\n"))
    let target = folder.path
    try await TestServer.with(modules: try portalModules(), configure: {
        $0.dataDir = folder.path + "/data"
        $0.catalogAllowedRoots = [folder.path]
    }) { _, client in
        let response = try await client.execute(uri: "/api/catalog/locations", method: .post, headers: bearer(TestServer.bootstrapToken),
                                                 body: ByteBuffer(string: #"{"type":"file","target":"\#(target)"}"#))
        #expect(response.status == .created, "\(response.text)")
        try await body(client, folder)
    }
}

extension TestClientProtocol {
    /// A page as a browser asks for it; expects `status` and HTML.
    func page(_ uri: String, status: HTTPResponse.Status = .ok, cookie: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.accept: "text/html"]
        if let cookie { headers[.cookie] = cookie }
        let response = try await execute(uri: uri, method: .get, headers: headers)
        #expect(response.status == status, "\(uri): \(response.status)")
        #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
        return response
    }

    /// Posts an HTML form as a browser that loaded the page does: with the form token of its
    /// cookies (a fresh one for a browser without any), or `forgedToken` in its place.
    func submit(_ uri: String, _ fields: [(String, String)], cookie: String? = nil, forgedToken: String? = nil) async throws -> TestResponse {
        var cookies = cookie ?? ""
        var token = formToken(in: cookies)
        if token == nil {
            token = CSRFToken.make()
            cookies += (cookies.isEmpty ? "" : "; ") + "\(CSRFToken.cookieName)=\(token!)"
        }
        let fields = fields + [(CSRFToken.fieldName, forgedToken ?? token!)]
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        let headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .accept: "text/html", .cookie: cookies]
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// Signs `user` in the way a person does: an admin creates the account over the API, then the
    /// sign-in form posts the password. Returns the cookies the browser then holds.
    func signIn(_ user: String, role: Role = .viewer) async throws -> String {
        let password = "correct horse battery"
        let created = try await execute(uri: "/api/auth/accounts", method: .post, headers: bearer(TestServer.bootstrapToken),
                                        body: ByteBuffer(string: #"{"username":"\#(user)","password":"\#(password)","role":"\#(role.rawValue)"}"#))
        #expect(created.status == .created || created.status == .conflict, "\(created.text)")
        let answer = try await submit("/sign-in", [("username", user), ("password", password)])
        #expect(answer.status == .seeOther, "\(answer.text)")
        return answer.headers[values: .setCookie].map { String($0.split(separator: ";")[0]) }.joined(separator: "; ")
    }
}

/// The form token a cookie header holds.
func formToken(in cookies: String) -> String? {
    cookies.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        .first { $0.hasPrefix(CSRFToken.cookieName + "=") }.map { String($0.dropFirst(CSRFToken.cookieName.count + 1)) }
}

enum PortalDescriptors {
    static func group(_ name: String, members: [String] = [], extra: String = "") -> String {
        "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: \(name)\n\(extra)spec:\n  type: team\n  children: []\n  members: [\(members.joined(separator: ", "))]\n"
    }

    static func user(_ name: String, displayName: String) -> String {
        "apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: \(name)\nspec:\n  profile:\n    displayName: \(displayName)\n    email: \(name)@example.com\n  memberOf: []\n"
    }

    static func component(_ name: String, owner: String, type: String = "service", system: String? = nil) -> String {
        "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: \(name)\nspec:\n  type: \(type)\n  lifecycle: production\n  owner: \(owner)\n"
            + (system.map { "  system: \($0)\n" } ?? "")
    }
}
