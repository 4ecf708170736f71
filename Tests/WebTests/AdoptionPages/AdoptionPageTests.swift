import Foundation
import FoyerCore
import FoyerTestSupport
import Testing

enum LearningDescriptors {
    static let docsPath = """
        apiVersion: foyer.dev/v1alpha1
        kind: LearningPath
        metadata: { name: docs-101, title: Docs in ten minutes, description: Write docs next to the code }
        spec:
          onboarding: true
          feature: techdocs
          steps:
            - id: why
              title: Why docs
              stage: tell
              content: "Docs **next to** the code. <script>alert('step')</script> [Open the catalog](/catalog)"
              complete: { event: { action: navigate, subject: "/catalog*" } }
            - { id: add, title: Add the annotation, stage: do, complete: { ownedEntity: { fact: metadata.annotations.backstage.io/techdocs-ref, operator: exists } } }
            - { id: reflect, title: Tell us how it went, stage: review, complete: manual }
        """
}

@Suite struct AdoptionPageTests {
    let catalog = [PortalDescriptors.group("payments", members: ["ada"]), PortalDescriptors.user("ada", displayName: "Ada"),
                   PortalDescriptors.component("checkout", owner: "payments"), LearningDescriptors.docsPath]

    @Test func theEntityPageOffersTheLockedFeaturesWithTheirSnippets() async throws {
        try await withPortal(catalog) { client, _ in
            let page = try await client.page("/catalog/default/component/checkout").text
            #expect(page.contains(#"<h2 id="unlock-heading">Unlock more"#))
            #expect(page.contains(#"<details class="locked-feature" id="unlock-techdocs"><summary>Documentation</summary>"#))
            #expect(page.contains("backstage.io/techdocs-ref: dir:."))
            #expect(page.contains(#"<a href="/learn/docs-101">Learn how, step by step</a>"#))
            #expect(page.contains(#"<span class="tag">Owned by a team</span>"#))
        }
    }

    @Test func theAdoptionPageShowsTheFeatureByTeamMatrix() async throws {
        try await withPortal(catalog) { client, _ in
            let page = try await client.page("/adoption").text
            #expect(page.contains("<h1>Feature adoption</h1>"))
            // checkout unlocks ownership only, of its 13 applicable features.
            #expect(page.contains(#"<p class="tile-value" id="organisation-percent">7.7 %</p>"#))
            #expect(page.contains(#"<th scope="row"><a href="/catalog/default/group/payments">payments</a></th><td><strong>7.7 %</strong></td>"#))
        }
    }

    @Test func aPathPageRendersItsStepsAndLetsThePersonCheckOffManualOnes() async throws {
        try await withPortal(catalog) { client, _ in
            let anonymous = try await client.page("/learn/docs-101").text
            #expect(anonymous.contains("<strong>next to</strong>"))
            #expect(anonymous.contains("&lt;script&gt;alert(&#39;step&#39;)&lt;/script&gt;") || anonymous.contains("&lt;script&gt;alert('step')&lt;/script&gt;"))
            #expect(!anonymous.contains("<script>alert"))
            #expect(anonymous.contains(#"<a href="/catalog">Open the catalog</a>"#))
            #expect(!anonymous.contains("Mark as done"), "only a signed-in person checks off steps")

            let cookie = try await client.signIn("ada")
            let signedIn = try await client.page("/learn/docs-101", cookie: cookie).text
            // Visiting /learn/… is not /catalog…; ada's team owns nothing documented: nothing done yet.
            #expect(signedIn.contains("0 of 3 steps done"))
            #expect(signedIn.contains(#"<form method="post" action="/learn/docs-101/steps/reflect"><input type="hidden" name="csrf" value=""#))
            #expect(signedIn.contains(#"<button type="submit">Mark as done</button></form>"#))
            let posted = try await client.submit("/learn/docs-101/steps/reflect", [], cookie: cookie)
            #expect(posted.status == .seeOther)
            #expect(posted.headers[.location] == "/learn/docs-101#step-reflect")
            #expect(try await client.page("/learn/docs-101", cookie: cookie).text.contains("1 of 3 steps done"))
            #expect(try await client.submit("/learn/docs-101/steps/why", [], cookie: cookie).status == .conflict)
            #expect(try await client.submit("/learn/docs-101/steps/reflect", []).status == .unauthorized)
        }
    }

    @Test func aNewPersonSeesTheirOnboardingOnTheHomePage() async throws {
        try await withPortal(catalog) { client, _ in
            let cookie = try await client.signIn("ada")
            _ = try await client.page("/catalog", cookie: cookie)   // ada's first visit: she is new, and it completes "why"
            let home = try await client.page("/", cookie: cookie).text
            #expect(home.contains(#"<h2 id="your-onboarding">Your onboarding</h2>"#))
            #expect(home.contains(#"<strong class="onboarding-percent">33.3 %</strong>"#))
            #expect(home.contains(#"Next: <a href="/learn/docs-101#step-add">Add the annotation</a>"#))
            let team = try await client.page("/catalog/default/group/payments", cookie: cookie).text
            #expect(team.contains("New members&#39; onboarding") || team.contains("New members' onboarding"))
            #expect(team.contains(#"<h2 id="team-adoption-heading">Feature adoption <span class="muted" id="team-adoption-percent">7.7 %</span></h2>"#))
            let index = try await client.page("/learn", cookie: cookie).text
            #expect(index.contains(#"<a href="/learn/docs-101">Docs in ten minutes</a>"#))
            #expect(index.contains("1 of 3 done"))
        }
    }
}
