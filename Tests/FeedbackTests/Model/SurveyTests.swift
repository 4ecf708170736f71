import Catalog
import EntityRules
import Feedback
import FoyerCore
import Testing

@Suite struct SurveyTests {
    @Test func aValidSurveyKeepsItsQuestionsAudienceWindowAndCap() throws {
        let parsed = try quarterly(audience: "{visited: /docs}", capDays: 14)
        #expect(parsed.name == "portal-nps")
        #expect(parsed.audience == .visited(pathPrefix: "/docs"))
        #expect(parsed.start == Day(iso: "2026-10-01") && parsed.end == Day(iso: "2026-12-31"))
        #expect(parsed.frequencyCapDays == 14)
        #expect(parsed.questions.map(\.kind) == [.nps, .rating, .choice, .text])
        #expect(parsed.questions[2].options == ["Catalog", "Docs", "Templates"])
        #expect(parsed.questions[0].required && !parsed.questions[1].required)
    }

    @Test func theCapDefaultsToThirtyDaysAndTheAudienceToEveryone() throws {
        let parsed = try survey(surveyYAML(spec: "  window: {start: 2026-10-01, end: 2026-10-31}\n  questions: [{id: q, type: text, text: Why?}]\n")).get()
        #expect(parsed.frequencyCapDays == 30)
        #expect(parsed.audience == .everyone)
    }

    @Test func everyBadFieldIsReportedWithItsPath() {
        let result = survey(surveyYAML(spec: """
          audience: {visited: docs}
          window: {start: 2026-10-31, end: 2026-10-01}
          frequencyCapDays: 400
          colour: blue
          questions:
            - {id: Bad Id, type: nps, text: x}
            - {id: pick, type: choice, text: Pick, options: [only]}
            - {id: pick, type: stars, text: Stars}
            - {id: score, type: rating, text: Score, options: [a, b]}

        """))
        guard case .failure(let problems) = result else { Issue.record("a bad survey parsed"); return }
        let fields = Set(problems.problems.compactMap(\.field))
        #expect(fields == ["spec.audience.visited", "spec.window.end", "spec.frequencyCapDays", "spec.colour",
                           "spec.questions[0].id", "spec.questions[1].options", "spec.questions[2].type", "spec.questions[3].options"])
    }

    @Test func aSecondQuestionWithTheSameIdIsRefused() {
        let result = survey(surveyYAML(spec: "  window: {start: 2026-10-01, end: 2026-10-31}\n  questions: [{id: q, type: text, text: A}, {id: q, type: nps, text: B}]\n"))
        guard case .failure(let problems) = result else { Issue.record("duplicate ids parsed"); return }
        #expect(problems.problems.map(\.field) == ["spec.questions[1].id"])
    }

    @Test func answersOutsideTheirRangeOrForUnknownQuestionsAreRefusedByField() throws {
        let parsed = try quarterly()
        let long = String(repeating: "x", count: 4001)
        guard case .failure(let problems) = parsed.check([
            "recommend": .number(11), "ease": .number(0), "area": .string("Search"), "comment": .string(long), "colour": .string("blue"),
        ]) else { Issue.record("bad answers accepted"); return }
        #expect(problems.problems.compactMap(\.field).sorted() == ["answers.area", "answers.colour", "answers.comment", "answers.ease", "answers.recommend"])
        guard case .failure(let half) = parsed.check(["recommend": .number(8.5)]) else { Issue.record("a fractional score was accepted"); return }
        #expect(half.problems.map(\.field) == ["answers.recommend"])
    }

    @Test func aRequiredQuestionMustBeAnsweredAndTheOthersMayBeLeftOut() throws {
        let parsed = try quarterly()
        guard case .failure(let missing) = parsed.check(["ease": .number(4)]) else { Issue.record("a missing required answer passed"); return }
        #expect(missing.problems.map(\.field) == ["answers.recommend"])
        #expect(try parsed.check(["recommend": .number(0), "comment": .string(String(repeating: "y", count: 4000))]).get()
            == ["recommend": .score(0), "comment": .text(String(repeating: "y", count: 4000))])
    }

    @Test func theSurveyKindReportsProblemsToTheCatalog() {
        let (documents, _) = DescriptorParser.parse(surveyYAML(spec: "  questions: []\n"), file: "survey.yaml")
        let problems = SurveyKind().validate(Entity(document: documents[0].document))
        #expect(Set(problems.compactMap(\.field)) == ["spec.window", "spec.window.start", "spec.window.end", "spec.questions"])
    }
}
