import Insights
import Testing
@testable import Web

/// Links in the dashboard's top tables lead only to this site.
@Suite struct InsightsDashboardTests {
    @Test func aTopPageLinksToItselfOnlyWhenItIsAPathOfThisSite() {
        #expect(InsightsDashboard.link(for: "/catalog?kind=api", dimension: .pages) == "/catalog?kind=api")
        for offSite in ["//evil.example/x", "/\\evil.example/x", "/\t/evil.example", "https://evil.example/", "catalog"] {
            #expect(InsightsDashboard.link(for: offSite, dimension: .pages) == nil, "\(offSite)")
        }
        #expect(InsightsDashboard.link(for: "component:default/web", dimension: .entities) == "/catalog/default/component/web")
    }
}
