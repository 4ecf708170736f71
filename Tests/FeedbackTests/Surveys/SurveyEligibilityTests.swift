import Feedback
import FoyerCore
import Testing

@Suite struct SurveyEligibilityTests {
    let anyone = AudienceFacts(isNew: false)

    @Test func aSurveyAsksOnlyFromTheStartOfItsFirstDayToTheEndOfItsLast() throws {
        let nps = try quarterly()
        #expect(nps.eligibility(at: at("2026-09-30", hour: 23), facts: anyone, history: []) == .closed)
        #expect(nps.eligibility(at: at("2026-10-01", hour: 0), facts: anyone, history: []) == .eligible)
        #expect(nps.eligibility(at: at("2026-12-31", hour: 23), facts: anyone, history: []) == .eligible)
        #expect(nps.eligibility(at: at("2027-01-01", hour: 0), facts: anyone, history: []) == .closed)
    }

    @Test func audiencesPickNewUsersVisitorsOfAPathAndUsersOfAFeature() throws {
        let newcomer = AudienceFacts(isNew: true, visitedPaths: ["/catalog/default/component/web"], usedFeatures: ["techdocs"])
        let now = at("2026-11-02")
        #expect(try quarterly(audience: "newUsers").eligibility(at: now, facts: newcomer, history: []) == .eligible)
        #expect(try quarterly(audience: "newUsers").eligibility(at: now, facts: anyone, history: []) == .notInAudience)
        #expect(try quarterly(audience: "{visited: /catalog}").eligibility(at: now, facts: newcomer, history: []) == .eligible)
        #expect(try quarterly(audience: "{visited: /docs}").eligibility(at: now, facts: newcomer, history: []) == .notInAudience)
        #expect(try quarterly(audience: "{usedFeature: TechDocs}").eligibility(at: now, facts: newcomer, history: []) == .eligible)
        #expect(try quarterly(audience: "{usedFeature: scaffolder}").eligibility(at: now, facts: newcomer, history: []) == .notInAudience)
    }

    @Test func answeringOrDismissingEndsTheSurveyForThatWindowButANewWindowAsksAgain() throws {
        let nps = try quarterly(capDays: 0)
        let dismissed = PastResponse(survey: "portal-nps", windowStart: Day(iso: "2026-10-01")!, at: at("2026-10-05"), dismissed: true)
        #expect(nps.eligibility(at: at("2026-11-20"), facts: anyone, history: [dismissed]) == .alreadyResponded)
        let nextQuarter = try quarterly(capDays: 0, start: "2027-01-01", end: "2027-03-31")
        #expect(nextQuarter.eligibility(at: at("2027-01-10"), facts: anyone, history: [dismissed]) == .eligible)
    }

    @Test func theFrequencyCapHoldsAcrossSurveys() throws {
        let nps = try quarterly(capDays: 30)
        let hires = try quarterly("new-hire", audience: "newUsers", capDays: 30)
        let answeredNPS = PastResponse(survey: "portal-nps", windowStart: nps.start, at: at("2026-10-10"), dismissed: false)
        let newcomer = AudienceFacts(isNew: true)
        // Ten days after answering the NPS survey, the new-hire survey may not ask yet…
        #expect(hires.eligibility(at: at("2026-10-20"), facts: newcomer, history: [answeredNPS]) == .askedRecently(until: at("2026-11-09")))
        #expect(Survey.prompt(among: [nps, hires], at: at("2026-10-20"), facts: newcomer, history: [answeredNPS]) == nil)
        // …and from thirty days on it may.
        #expect(hires.eligibility(at: at("2026-11-09"), facts: newcomer, history: [answeredNPS]) == .eligible)
        #expect(Survey.prompt(among: [nps, hires], at: at("2026-11-09"), facts: newcomer, history: [answeredNPS])?.name == "new-hire")
    }

    @Test func ofSeveralAskableSurveysThePromptIsTheOneClosingFirst() throws {
        let late = try quarterly("late", end: "2026-12-31"), early = try quarterly("early", end: "2026-11-30")
        #expect(Survey.prompt(among: [late, early], at: at("2026-11-02"), facts: anyone, history: [])?.name == "early")
        #expect(Survey.prompt(among: [late, early], at: at("2026-12-02"), facts: anyone, history: [])?.name == "late")
    }
}
