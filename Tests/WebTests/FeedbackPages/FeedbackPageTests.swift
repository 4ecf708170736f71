import FoyerCore
import FoyerTestSupport
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct FeedbackPageTests {
    static let organisation = [
        PortalDescriptors.group("payments", members: ["ada"]),
        PortalDescriptors.user("ada", displayName: "Ada Lovelace"),
        PortalDescriptors.component("checkout", owner: "payments"),
        "apiVersion: foyer.dev/v1alpha1\nkind: Survey\nmetadata:\n  name: pulse\n  title: Quick pulse\nspec:\n  window: {start: 2026-01-01, end: 2099-12-31}\n  questions: [{id: score, type: nps, text: Score?, required: true}]\n",
    ]

    @Test func withoutScriptsTheSurveyNoteDismissesByAFormThatComesBackToThePage() async throws {
        try await withPortal(Self.organisation) { client, _ in
            let cookie = try await client.signIn("ada")
            let catalog = try await client.page("/catalog?kind=component", cookie: cookie).text
            #expect(catalog.contains(#"<a href="/feedback/surveys/pulse">Quick pulse</a>"#))
            #expect(catalog.contains(#"<input type="hidden" name="back" value="/catalog">"#))
            #expect(!(try await client.page("/catalog").text.contains("survey-prompt")), "nobody is signed in")

            let dismissed = try await client.submit("/feedback/surveys/pulse/dismiss", [("back", "/catalog")], cookie: cookie)
            #expect(dismissed.status == .seeOther && dismissed.headers[.location] == "/catalog")
            #expect(!(try await client.page("/catalog", cookie: cookie).text.contains("survey-prompt")))
            // A second dismissal is a response in the same window.
            #expect(try await client.submit("/feedback/surveys/pulse/dismiss", [("back", "/")], cookie: cookie).status == .conflict)
        }
    }

    @Test func formsOnlyReturnToPathsOfThisSite() async throws {
        try await withPortal(Self.organisation) { client, _ in
            let cookie = try await client.signIn("ada")
            for back in ["https://evil.example/", "//evil.example/x", "/\\evil.example", "/\t/evil.example", "/\n/evil.example", "javascript:alert(1)"] {
                let answer = try await client.submit("/feedback/helpful", [("subject", "feature:techdocs"), ("helpful", "yes"), ("back", back)], cookie: cookie)
                #expect(answer.status == .seeOther && answer.headers[.location] == "/", "\(back)")
            }
            let rated = try await client.submit("/feedback/entities/component/default/checkout", [("rating", "4")], cookie: cookie)
            #expect(rated.headers[.location] == "/catalog/default/component/checkout?tab=feedback")
            #expect(try await client.submit("/feedback/entities/component/default/checkout", [("rating", "4")]).status == .unauthorized)
        }
    }
}
