import Catalog
import FoyerCore
import Insights

/// The demo organisation's feedback: a quarterly portal NPS survey and a new-hire survey open around
/// today, with synthetic answers, and ratings on a third of the components.
enum DemoFeedback {
    static func surveys(today: Day) -> String {
        """
        apiVersion: foyer.dev/v1alpha1
        kind: Survey
        metadata:
          name: portal-nps
          title: How likely are you to recommend Foyer?
          description: "Our quarterly check on how the portal works for you. Two minutes, and every answer is read by the platform team."
        spec:
          audience: everyone
          window: {start: \(today + -45), end: \(today + 45)}
          frequencyCapDays: 30
          questions:
            - {id: recommend, type: nps, text: How likely are you to recommend Foyer to a colleague?, required: true}
            - {id: ease, type: rating, text: How easy is it to find the service or API you need?}
            - {id: area, type: choice, text: Which part of Foyer helps you most?, options: [Catalog, Docs, Learning paths, Scorecards, Search]}
            - {id: comment, type: text, text: What one thing should we improve next?}
        ---
        apiVersion: foyer.dev/v1alpha1
        kind: Survey
        metadata:
          name: new-hire
          title: How was your first month?
          description: "For people who joined recently: tell us what helped and what got in the way."
        spec:
          audience: newUsers
          window: {start: \(today + -60), end: \(today + 30)}
          frequencyCapDays: 14
          questions:
            - {id: onboarding, type: rating, text: How clear was your onboarding path?, required: true}
            - {id: docs, type: choice, text: Did you find the docs you needed?, options: ["Yes", "Partly", "No"]}
            - {id: comment, type: text, text: What would have helped you in your first week?}

        """
    }

    static let comments = ["More examples in the API docs, please", "Search finds things fast now", "The scorecards nudged us to add runbooks",
                           "I still ask in chat who owns a service", "Learning paths made my first week easy", "Docs for older services are stale"]

    /// Portal NPS answers from about half of `people` (a tenth of them dismissing), spread over the last
    /// six weeks, and new-hire answers from every seventh person.
    static func responses(people: [String], today: Day) -> [(survey: String, response: SurveyResponse)] {
        var random = DemoRandom(seed: 9)
        var responses: [(String, SurveyResponse)] = []
        for (index, person) in people.enumerated() where index % 2 == 1 {
            let day = today + -(1 + Int(random.unit() * 40))
            // Working hours, 07:00 to 17:00 UTC.
            let at: Int64 = day.epochMillis + 25_200_000 + Int64(random.unit() * 36_000_000)
            if random.unit() < 0.1 {
                responses.append(("portal-nps", SurveyResponse(person: person, at: at, dismissed: true, answers: [:])))
                continue
            }
            let draw = random.unit()
            let score = draw < 0.5 ? 9 + Int(random.unit() * 2) : draw < 0.8 ? 7 + Int(random.unit() * 2) : Int(random.unit() * 7)
            var answers: [String: SurveyAnswer] = ["recommend": .score(score), "ease": .score(2 + Int(random.unit() * 4)),
                                                   "area": .choice(["Catalog", "Docs", "Learning paths", "Scorecards", "Search"][Int(random.unit() * 5)])]
            if random.unit() < 0.4 { answers["comment"] = .text(comments[Int(random.unit() * Double(comments.count))]) }
            responses.append(("portal-nps", SurveyResponse(person: person, at: at, dismissed: false, answers: answers)))
        }
        // Every seventh person answered the new-hire survey too.
        for (index, person) in people.enumerated() where index % 7 == 3 {
            let day = today + -(1 + Int(random.unit() * 50))
            var answers: [String: SurveyAnswer] = ["onboarding": .score(3 + Int(random.unit() * 3)),
                                                   "docs": .choice(["Yes", "Partly", "No"][Int(random.unit() * 3)])]
            if random.unit() < 0.5 { answers["comment"] = .text(["A buddy for the first week", "A map of who owns what", "Fewer broken links in the docs"][Int(random.unit() * 3)]) }
            responses.append(("new-hire", SurveyResponse(person: person, at: day.epochMillis + 36_000_000, dismissed: false, answers: answers)))
        }
        return responses
    }

    /// Two to five ratings each on every third of `components`, by people picked from `people`.
    static func ratings(components: [EntityRef], people: [String], today: Day) -> [EntityRating] {
        var random = DemoRandom(seed: 17)
        let reasons = ["incorrect info", "missing docs", "hard to find", "out of date"]
        var ratings: [EntityRating] = []
        for (index, component) in components.enumerated() where index % 3 == 0 && !people.isEmpty {
            let count = 2 + Int(random.unit() * 4)
            var raters = Set<String>()
            for _ in 0..<count { raters.insert(people[Int(random.unit() * Double(people.count))]) }
            for person in raters.sorted() {
                let rating = 1 + Int(random.unit() * 5)
                let given = rating <= 3 ? [reasons[Int(random.unit() * Double(reasons.count))]] : []
                ratings.append(EntityRating(entity: component, person: person, rating: rating, reasons: given,
                                            comment: rating <= 2 ? comments[5] : nil, anonymous: random.unit() < 0.3,
                                            at: (today + -Int(random.unit() * 60)).epochMillis + 36_000_000))
            }
        }
        return ratings
    }
}
