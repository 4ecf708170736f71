import Catalog
import Foundation
import FoyerCore
import FoyerTestSupport
import HTTPTypes
import HummingbirdTesting
import Insights
import NIOCore
import Testing
import Web

@Suite(.serialized) struct PageTests {
    static let organisation = [
        PortalDescriptors.group("payments", members: ["ada"]),
        PortalDescriptors.group("search", members: ["bob"]),
        PortalDescriptors.user("ada", displayName: "Ada Lovelace"),
        PortalDescriptors.user("bob", displayName: "Bob Hopper"),
        "apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: shop\nspec:\n  owner: payments\n  domain: commerce\n",
        "apiVersion: backstage.io/v1alpha1\nkind: Domain\nmetadata:\n  name: commerce\nspec:\n  owner: payments\n",
        PortalDescriptors.component("checkout", owner: "payments", system: "shop"),
        PortalDescriptors.component("ledger", owner: "payments", type: "library"),
        PortalDescriptors.component("indexer", owner: "search"),
        PortalDescriptors.component("web", owner: "search", type: "website"),
    ]

    @Test func homePageAnswersInTheLayoutWithSecurityHeaders() async throws {
        try await withPortal(Self.organisation) { client, _ in
            let response = try await client.page("/")
            #expect(response.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            let html = response.text
            #expect(html.contains(#"<a href="/catalog">Catalog</a>"#))
            #expect(html.contains(#"<form class="global-search" role="search""#))
            #expect(html.contains("Foyer \(FoyerVersion.current)"))
            #expect(html.contains(#"<a href="/catalog?kind=component"><span class="count">4</span> Component</a>"#))
        }
    }

    @Test func facetCountsAreWhatSelectingTheValueWouldList() async throws {
        try await withPortal(Self.organisation) { client, _ in
            let html = try await client.page("/catalog?kind=component").text
            #expect(html.contains(#"data-total="4""#))
            // The type counts among components; the kind facet still counts every kind (its own selection is left out).
            #expect(facetCount(html, "type", "service") == 2)
            #expect(facetCount(html, "type", "library") == 1)
            #expect(facetCount(html, "kind", "Group") == 2)
            let filtered = try await client.page("/catalog?kind=component&type=service").text
            #expect(filtered.contains(#"data-total="2""#))
            #expect(filtered.contains(">checkout</a>") && filtered.contains(">indexer</a>") && !filtered.contains(">ledger</a>"))
        }
    }

    @Test func entityPageLinksToOwnerSystemAndDomain() async throws {
        try await withPortal(Self.organisation) { client, _ in
            let html = try await client.page("/catalog/default/component/checkout").text
            #expect(html.contains(#"<a href="/catalog/default/group/payments" class="owner-link">payments</a>"#))
            #expect(html.contains(#"<a href="/catalog/default/system/shop" class="system-link">shop</a>"#))
            #expect(html.contains(#"<a href="/catalog/default/domain/commerce" class="domain-link">commerce</a>"#))
            #expect(html.contains("<svg class=\"relation-graph\""))
            let descriptor = try await client.page("/catalog/default/component/checkout?tab=descriptor").text
            #expect(descriptor.contains("kind: Component"))
        }
    }

    @Test func teamPageListsMembersAndWhatTheTeamOwns() async throws {
        try await withPortal(Self.organisation) { client, _ in
            let html = try await client.page("/catalog/default/group/payments").text
            #expect(html.contains(#"<a href="/catalog/default/user/ada">Ada Lovelace</a>"#))
            #expect(html.contains(#"<a href="/catalog/default/component/checkout">checkout</a>"#))
            #expect(html.contains(#"<a href="/catalog/default/system/shop">shop</a>"#))
        }
    }

    @Test func hostileTextInAnEntityIsRenderedAsInertText() async throws {
        let hostile = """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: evil
              title: "<script>alert('title')</script>"
              description: "<img src=x onerror=alert(1)> \\" onmouseover=\\"alert(2)"
              tags: [x-onload]
              links:
                - url: "javascript:alert(3)"
                  title: "<b>click</b>"
              annotations:
                backstage.io/view-url: "javascript:alert(4)"
            spec:
              type: service
              lifecycle: production
              owner: payments
            """
        try await withPortal(Self.organisation + [hostile]) { client, _ in
            for uri in ["/catalog/default/component/evil", "/catalog", "/search?q=evil"] {
                let html = try await client.page(uri).text
                #expect(!html.contains("<script>alert"), "\(uri)")
                #expect(!html.contains("<img src=x"), "\(uri)")
                #expect(!html.contains(#"href="javascript:"#), "\(uri)")
            }
            let page = try await client.page("/catalog/default/component/evil").text
            #expect(page.contains("<h1>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;</h1>"))
            #expect(!page.contains("View source"), "a javascript: view-url gives no link")
        }
    }

    @Test func browsersGetErrorPagesAndAPIsGetJSONErrors() async throws {
        try await withPortal(Self.organisation) { client, _ in
            let missing = try await client.page("/catalog/default/component/nope", status: .notFound).text
            #expect(missing.contains("Page not found") && missing.contains("component:default/nope"))
            let unknown = try await client.page("/no/such/page", status: .notFound).text
            #expect(unknown.contains(#"<main id="main""#))
            let api = try await client.execute(uri: "/api/catalog/entities/by-name/component/default/nope", method: .get, headers: [.accept: "text/html"])
            #expect(api.status == .notFound)
            #expect(api.headers[.contentType]?.hasPrefix("application/json") == true)
            _ = try await client.page("/catalog?sort=colour", status: .badRequest)
        }
    }

    @Test func signingInWithAPasswordPersonalisesTheHomePage() async throws {
        try await withPortal(Self.organisation) { client, _ in
            _ = try await client.signIn("ada")
            let refused = try await client.submit("/sign-in", [("username", "ada"), ("password", "not the password")])
            #expect(refused.status == .unauthorized)
            #expect(refused.text.contains("the username or password is wrong"))
            #expect(refused.headers[values: .setCookie].allSatisfy { !$0.hasPrefix(SessionCookie.name + "=") })
            let accepted = try await client.submit("/sign-in", [("username", "ADA"), ("password", "correct horse battery"), ("back", "/catalog")])
            #expect(accepted.status == .seeOther && accepted.headers[.location] == "/catalog")
            let session = try #require(accepted.headers[values: .setCookie].first { $0.hasPrefix(SessionCookie.name + "=") })
            #expect(session.contains("HttpOnly") && session.contains("SameSite=Lax"))
            let cookie = session.split(separator: ";")[0]
            let home = try await client.page("/", cookie: String(cookie)).text
            #expect(home.contains("Welcome back, Ada Lovelace"))
            #expect(home.contains(#"<a href="/catalog/default/component/checkout">checkout</a>"#))
            #expect(!home.contains(">indexer</a>"))
        }
    }

    @Test func visitedEntitiesAppearOnTheHomePage() async throws {
        try await withPortal(Self.organisation) { client, _ in
            let visit = try await client.page("/catalog/default/component/ledger")
            let cookie = try #require(visit.headers[.setCookie]).split(separator: ";")[0]
            let home = try await client.page("/", cookie: String(cookie)).text
            #expect(home.contains(#"<a href="/catalog/default/component/ledger">ledger</a> <span class="muted">1 visits</span>"#))
        }
    }

    @Test func aSignedInPersonsPageViewsAndSearchesShowOnTheInsightsDashboard() async throws {
        try await withPortal(Self.organisation) { client, _ in
            let cookie = try await client.signIn("ada")
            _ = try await client.page("/catalog/default/component/checkout?tab=relations", cookie: cookie)
            _ = try await client.page("/catalog/default/component/checkout", cookie: cookie)
            _ = try await client.page("/search?q=zebra", cookie: cookie)
            _ = try await client.page("/catalog")  // not signed in: not recorded
            let today = Day(epochMillis: EpochMillis.now().value).description
            let pages = try await client.execute(uri: "/api/insights/top?dimension=pages&from=\(today)&to=\(today)", method: .get).json(JSONValue.self)
            #expect(pages["items"]?.arrayValue?.first == JSONValue.parse(jsonText: #"{"key":"/catalog/default/component/checkout","events":2,"users":1}"#))
            let entities = try await client.execute(uri: "/api/insights/top?dimension=entities&from=\(today)&to=\(today)", method: .get).json(JSONValue.self)
            #expect(entities["items"]?.arrayValue?.first?["key"] == .string("component:default/checkout"))
            let dashboard = try await client.page("/insights", cookie: cookie).text
            #expect(dashboard.contains(#"<a href="/catalog/default/component/checkout">component:default/checkout</a>"#))
            #expect(dashboard.contains("<td>zebra</td><td>1</td><td>1</td>"), "the search found nothing, so it is listed")
            #expect(dashboard.contains(#"<svg class="activity-chart""#))
            #expect(dashboard.contains("<p class=\"tile-value\">1</p><p class=\"tile-label\">Active users</p>"))
            _ = try await client.page("/insights?grouping=year", status: .badRequest)
            let entity = try await client.page("/catalog/default/component/checkout", cookie: cookie).text
            #expect(entity.contains(#"<span class="view-count">2</span> page views by 1 people"#))
            let team = try await client.page("/catalog/default/group/payments").text
            #expect(team.contains("active 1 days in 12 weeks, last \(today)"))
        }
    }

    @Test func aSignedInEditorWithoutACatalogUserCannotSendEventsForOthers() async throws {
        try await withPortal(Self.organisation) { client, _ in
            let cookie = try await client.signIn("zoe", role: .editor)  // no User entity is named zoe
            let token = try #require(formToken(in: cookie))
            let forged = #"[{"action":"click","subject":"Runbook","user":"user:default/ada","timestamp":"2026-11-30T10:00:00Z"}]"#
            let sent = try await client.execute(uri: "/api/insights/events", method: .post,
                                                headers: [.contentType: "application/json", .cookie: cookie, CSRFToken.header: token],
                                                body: ByteBuffer(string: forged))
            #expect(sent.status == .forbidden, "\(sent.text)")
            let summary = try await client.execute(uri: "/api/insights/summary?from=2026-11-01&to=2026-11-30", method: .get).json(JSONValue.self)
            #expect(summary["events"] == .number(0), "a signed-in person is never treated as a token")
        }
    }

    @Test func thePageScriptsReportsAreKeptOnlyForSignedInPeopleAndOnlyClicksAndDiscoveries() async throws {
        try await withPortal(Self.organisation) { client, _ in
            let report = ByteBuffer(string: #"[{"action":"click","subject":"Runbook","attributes":{"to":"https://wiki.example/runbook"}},{"action":"navigate","subject":"/forged"},{"action":"discover","subject":"/catalog/default/component/web","value":2}]"#)
            let forged = try await client.execute(uri: "/page-events", method: .post, headers: [.contentType: "application/json"], body: report)
            #expect(forged.status == .forbidden, "no form token")
            let anonymous = try await client.execute(uri: "/page-events?csrf=\(String(repeating: "a", count: 32))", method: .post,
                                                     headers: [.contentType: "application/json", .cookie: "foyer_csrf=\(String(repeating: "a", count: 32))"], body: report)
            #expect(anonymous.status == .noContent)
            let cookie = try await client.signIn("bob")
            let token = try #require(formToken(in: cookie))
            let kept = try await client.execute(uri: "/page-events?csrf=\(token)", method: .post, headers: [.contentType: "application/json", .cookie: cookie], body: report)
            #expect(kept.status == .noContent)
            let today = Day(epochMillis: EpochMillis.now().value).description
            let actions = try await client.execute(uri: "/api/insights/top?dimension=actions&from=\(today)&to=\(today)", method: .get).json(JSONValue.self)
            #expect(actions == JSONValue.parse(jsonText: #"{"dimension":"actions","items":[{"key":"click","events":1,"users":1},{"key":"discover","events":1,"users":1}]}"#))
            let broken = try await client.execute(uri: "/page-events?csrf=\(token)", method: .post, headers: [.cookie: cookie], body: ByteBuffer(string: "{}"))
            #expect(broken.status == .badRequest)
        }
    }

    @Test func registeringALocationFromTheAdminPageNeedsTheEditorRole() async throws {
        try await withPortal(Self.organisation) { client, folder in
            try folder.write("more/extra.yaml", PortalDescriptors.component("extra", owner: "payments"))
            let target = folder.file("more/extra.yaml")
            #expect(try await client.submit("/admin/locations", [("type", "file"), ("target", target)]).status == .unauthorized)
            let viewer = try await client.signIn("bob")
            #expect(!(try await client.page("/admin/locations", cookie: viewer).text.contains(#"action="/admin/locations""#)), "no form for viewers")
            let refused = try await client.submit("/admin/locations", [("type", "file"), ("target", target)], cookie: viewer)
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("needs the editor role"))
            let editor = try await client.signIn("ada", role: .editor)
            let outside = try await client.submit("/admin/locations", [("type", "ftp"), ("target", "x")], cookie: editor)
            #expect(outside.status == .badRequest)
            let registered = try await client.submit("/admin/locations", [("type", "file"), ("target", target)], cookie: editor)
            #expect(registered.status == .seeOther)
            let location = try #require(registered.headers[.location])
            let listing = try await client.page(location).text
            #expect(listing.contains("Registered and read: \(target)"))
            #expect(listing.contains("<code>\(target)</code>"))
            _ = try await client.page("/catalog/default/component/extra")
            #expect(!(try await client.page("/admin/locations?registered=All%20good", cookie: editor).text.contains("All good")),
                    "a notice names a stored location, never text from the link")
            let forbidden = try await client.submit("/admin/locations", [("type", "file"), ("target", "/etc/passwd")], cookie: editor)
            #expect(forbidden.status == .forbidden, "refused as the API refuses it, before it is stored")
            #expect(!(try await client.page("/admin/locations", cookie: editor).text.contains("<code>/etc/passwd</code>")))
        }
    }
}

/// The count shown next to facet value `value` of facet `parameter`.
func facetCount(_ html: String, _ parameter: String, _ value: String) -> Int? {
    let pattern = #"name="\#(parameter)" value="\#(value)"[^>]*>\s*<label[^>]*>[^<]*</label> <span class="count" data-count="(\d+)""#
    guard let match = html.range(of: pattern, options: .regularExpression) else { return nil }
    let text = String(html[match])
    guard let count = text.range(of: #"data-count="(\d+)""#, options: .regularExpression) else { return nil }
    return Int(text[count].dropFirst(#"data-count=""#.count).dropLast())
}
