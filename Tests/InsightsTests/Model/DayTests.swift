import Foundation
import FoyerCore
import Insights
import Testing

@Suite struct DayTests {
    @Test func civilDatesRoundTripOverFourHundredYears() {
        for number in stride(from: -1000, to: 150_000, by: 37) {
            let day = Day(number)
            let date = day.civil
            #expect(Day(year: date.year, month: date.month, day: date.day) == day)
            #expect(Day(iso: day.description) == day)
        }
    }

    @Test func weeksStartOnMondayAcrossYearEnds() {
        #expect(Day(iso: "2026-01-01")!.weekStart.description == "2025-12-29")
        #expect(Day(iso: "2027-01-03")!.weekStart.description == "2026-12-28")
        #expect(Day(iso: "2027-01-04")!.weekStart.description == "2027-01-04")
        #expect(Day(iso: "1970-01-01")!.weekStart.description == "1969-12-29")
    }

    @Test func monthsStartOnTheFirstAndFollowEachOther() {
        #expect(Day(iso: "2024-02-29")!.monthStart.description == "2024-02-01")
        #expect(Day(iso: "2026-12-31")!.nextMonthStart.description == "2027-01-01")
    }

    @Test func onlyRealDatesParse() {
        for text in ["2026-02-29", "2026-13-01", "2026-1-01", "26-01-01", "2026-01-01T00:00:00Z", "２０２６-01-01", ""] {
            #expect(Day(iso: text) == nil, "\(text)")
        }
        #expect(Day(iso: "2024-02-29") != nil)
    }

    @Test func instantsBelongToTheirUTCDate() {
        let midnight = Day(iso: "2026-03-01")!.epochMillis
        #expect(Day(epochMillis: midnight) == Day(iso: "2026-03-01"))
        #expect(Day(epochMillis: midnight - 1) == Day(iso: "2026-02-28"))
    }

    @Test func periodsCoverTheRangeIncludingPartialOnes() {
        let range = DayRange(from: Day(iso: "2026-12-30")!, to: Day(iso: "2027-01-12")!)
        #expect(Grouping.week.periods(overlapping: range).map { "\($0.start)…\($0.end)" } == [
            "2026-12-28…2027-01-03", "2027-01-04…2027-01-10", "2027-01-11…2027-01-17"])
        #expect(Grouping.month.periods(overlapping: range).map(\.start.description) == ["2026-12-01", "2027-01-01"])
        #expect(Grouping.day.periods(overlapping: range).count == 14)
    }

    @Test func rangesNameTheParameterThatIsWrong() {
        func message(_ from: String?, _ to: String?) -> String {
            do { _ = try DayRange(from: from, to: to); return "" } catch { return error.message }
        }
        #expect(message(nil, "2026-01-01").contains("'from'"))
        #expect(message("2026-01-01", "soon").contains("'to'"))
        #expect(message("2026-02-01", "2026-01-01").contains("after"))
        #expect(message("2020-01-01", "2026-01-01").contains("3 years"))
        #expect(message("2026-01-01", "2026-01-01") == "")
        #expect(message("2023-01-01", "2025-12-31") == "", "exactly three years")
        #expect(message("2023-01-01", "2026-01-01").contains("3 years"))
        #expect(message("2024-02-29", "2027-02-28") == "")
        #expect(message("2024-02-29", "2027-03-01").contains("3 years"))
    }
}

@Suite struct DemoActivityTests {
    @Test func demoActivityIsRepeatableGrowsAndRestsAtWeekends() {
        let today = Day(iso: "2026-12-01")!
        let users = (0..<60).map { "user:default/person-\($0)" }
        let events = DemoActivity(users: users, today: today).events()
        #expect(events == DemoActivity(users: users, today: today).events())
        #expect(events.allSatisfy { $0.day <= today && $0.day > today + -182 })
        let firstMonth = Set(events.filter { $0.day < today + -150 }.map(\.user)).count
        let lastMonth = Set(events.filter { $0.day > today + -30 }.map(\.user)).count
        #expect(lastMonth > firstMonth * 2, "the user base grows")
        let weekend = events.filter { ($0.day.number + 3) % 7 >= 5 }.count
        #expect(Double(weekend) < Double(events.count) * 0.1)
        #expect(events.contains { $0.action == "search" && $0.value == 0 })
        #expect(events.contains { $0.action == "create" && $0.context["entityRef"] != nil })
    }
}
