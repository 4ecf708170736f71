import Foundation
import FoyerCore
import FoyerTestSupport
import Testing

enum ScorecardDescriptors {
    static let campaign = """
        apiVersion: foyer.dev/v1alpha1
        kind: Campaign
        metadata: { name: docs-now, title: Docs now }
        spec:
          owner: group:default/payments
          appliesTo: kind=component
          target: { check: has-docs }
          startDate: "2026-01-01"
          deadline: "2026-02-01"
        """
}

@Suite struct ScorecardPageTests {
    let catalog = [PortalDescriptors.group("payments", members: ["ada"]), PortalDescriptors.user("ada", displayName: "Ada"),
                   PortalDescriptors.component("checkout", owner: "payments"), ScorecardDescriptors.campaign]

    @Test func theScorecardTabShowsEachCheckWithItsResultAndMessage() async throws {
        try await withPortal(catalog) { client, _ in
            let page = try await client.page("/catalog/default/component/checkout?tab=scorecard").text
            #expect(page.contains(#"<a href="/scorecards/tracks/production-readiness">Production readiness</a> <span class="level-badge level-0">no level yet</span>"#))
            #expect(page.contains(#"<li class="result-failed"><span class="result">failed</span> <strong>Has a description</strong>"#))
            #expect(page.contains(#"<li class="result-passed"><span class="result">passed</span> <strong>Has an owning team</strong> — Owned by a team."#))
        }
    }

    @Test func theCampaignPageShowsProgressOwnersAndWhatIsLeft() async throws {
        try await withPortal(catalog) { client, _ in
            let page = try await client.page("/scorecards/campaigns/docs-now").text
            #expect(page.contains(#"<span class="status status-late" id="campaign-status">late</span>"#))
            #expect(page.contains(#"<strong id="campaign-percent">0 %</strong> — 0 of 1 entities done"#))
            #expect(page.contains(#"<ul class="link-list columns remaining-list"><li><a href="/catalog/default/component/checkout">checkout</a> <span class="muted">(payments)</span></li></ul>"#))
            #expect(page.contains(#"<svg class="burnup-chart""#))
            let overview = try await client.page("/scorecards").text
            #expect(overview.contains(#"<a href="/scorecards/campaigns/docs-now">Docs now</a>"#))
            #expect(overview.contains(#"<a href="/scorecards/tracks/production-readiness">Production readiness</a>"#))
            let track = try await client.page("/scorecards/tracks/production-readiness").text
            #expect(track.contains(#"<p class="tile-value" id="level-none">1</p>"#))
            #expect(track.contains(#"<th scope="row"><a href="/catalog/default/group/payments">payments</a></th><td>1</td>"#))
            #expect(try await client.page("/scorecards/campaigns/nope", status: .notFound).text.contains("Page not found"))
        }
    }

    @Test func theTeamPageListsItsOpenCampaignItems() async throws {
        try await withPortal(catalog) { client, _ in
            let page = try await client.page("/catalog/default/group/payments").text
            #expect(page.contains(#"<h2 id="team-scorecards-heading">Scorecards</h2>"#))
            #expect(page.contains(#"<a href="/scorecards/campaigns/docs-now">Docs now</a> <span class="status status-late">late</span> <span class="muted">due 2026-02-01</span>: <a href="/catalog/default/component/checkout">checkout</a>"#))
        }
    }
}
