import FoyerCore
@testable import Insights
import Testing

struct ActivityIndexTests {
    static func event(_ user: String, _ day: String, _ action: String = "navigate", _ subject: String = "/catalog", hour: Int64 = 12) -> UsageEvent {
        UsageEvent(user: user, action: action, subject: subject, timestamp: Day(iso: day)!.epochMillis + hour * 3_600_000)
    }

    @Test func topRanksByEventsThenKeyBytesAndCountsDistinctUsers() {
        var index = ActivityIndex()
        for event in [Self.event("user:default/a", "2026-01-05", "navigate", "/b?x=1"), Self.event("user:default/a", "2026-01-06", "navigate", "/b"),
                      Self.event("user:default/b", "2026-01-06", "navigate", "/a"), Self.event("user:default/c", "2026-01-07", "navigate", "/a#top"),
                      Self.event("user:default/c", "2026-01-07", "navigate", "/B"), Self.event("user:default/c", "2026-01-08", "navigate", "/B"),
                      Self.event("user:default/c", "2026-02-08", "navigate", "/z")] {
            index.apply(event)
        }
        let range = DayRange(from: Day(iso: "2026-01-01")!, to: Day(iso: "2026-01-31")!)
        // Ties go by bytes, as SQL's binary collation orders them: "/B" before "/a".
        #expect(index.top(.pages, range: range, limit: 10, excluding: index.exclusions([]))
            == [TopItem(key: "/B", events: 2, users: 1), TopItem(key: "/a", events: 2, users: 2), TopItem(key: "/b", events: 2, users: 1)])
        #expect(index.top(.pages, range: range, limit: 10, excluding: index.exclusions(["user:default/c"]))
            == [TopItem(key: "/b", events: 2, users: 1), TopItem(key: "/a", events: 1, users: 1)])
    }

    @Test func aLateEarlierEventMovesTheFirstDayBackAndIsRememberedAsAChange() {
        var index = ActivityIndex()
        index.apply(Self.event("user:default/a", "2026-02-10"))
        index.markSaved()
        index.apply(Self.event("user:default/a", "2026-01-31", hour: 0))
        #expect(index.firstSeen(["user:default/a", "user:default/nobody"]) == ["user:default/a": Day(iso: "2026-01-31")!.epochMillis])
        #expect(index.changes.users == [0] && index.changes.days == [Day(iso: "2026-01-31")!.number])
        let months = index.activeUsers(DayRange(from: Day(iso: "2026-02-01")!, to: Day(iso: "2026-02-28")!), grouping: .month, excluding: index.exclusions([]))
        #expect(months == [ActivePeriod(period: Day(iso: "2026-02-01")!, activeUsers: 1, newUsers: 0)])
    }

    @Test func aSavedIndexRestoresToTheSameAnswers() {
        var index = ActivityIndex()
        for (offset, user) in ["a", "b", "c", "a", "d"].enumerated() {
            index.apply(Self.event("user:default/\(user)", "2026-03-0\(offset + 1)", offset % 2 == 0 ? "search" : "navigate", "Term \(offset % 2)"))
        }
        var restored = ActivityIndex()
        for number in 0..<UInt32(index.userCount) {
            restored.restoreUser(number: number, ref: index.refs[Int(number)], firstAt: index.firstAt[Int(number)])
        }
        for (number, name) in index.keyNames.enumerated() { restored.restoreKey(number: UInt32(number), dimension: name.dimension, key: name.key.text) }
        for day in index.changes.days { restored.restoreDay(day, index.days[day]!) }
        for keyDay in index.changes.keyDays {
            let known = restored.restoreKeyDay(keyDay, index.bucket(keyDay)!)
            #expect(known)
        }
        for (number, name) in index.subjectNames.enumerated() {
            restored.restoreSubject(number: UInt32(number), action: name.action.text, subject: name.subject.text,
                                    firsts: index.subjects[name.action]![name.subject]!.firsts)
        }
        #expect(index.changes.subjects.count == 2)
        for (action, subject) in [("search", "Term"), ("navigate", "Term 1"), ("navigate", "term")] {
            #expect(restored.firstOccurrences(action: action, subject: subject, prefix: true)
                == index.firstOccurrences(action: action, subject: subject, prefix: true))
        }
        #expect(restored.firstOccurrences(action: "search", subject: "Term", prefix: true).keys.sorted() == ["user:default/a", "user:default/c", "user:default/d"])
        let range = DayRange(from: Day(iso: "2026-03-01")!, to: Day(iso: "2026-03-31")!)
        let none = index.exclusions([])
        for dimension in TopDimension.allCases {
            #expect(restored.top(dimension, range: range, limit: 5, excluding: restored.exclusions([])) == index.top(dimension, range: range, limit: 5, excluding: none))
        }
        #expect(restored.summary(range, headcount: 4, excluding: restored.exclusions([])) == index.summary(range, headcount: 4, excluding: none))
        let unknown = restored.restoreKeyDay(ActivityIndex.KeyDay(key: 99, day: 1), UserCounts())
        #expect(!unknown)
    }

    @Test func keyDaysStoredNumbersRoundTripAndSortByKeyThenDay() {
        let keyDays = [(0, 10_957), (0, 20_500), (1, 10_957), (7, 99_999), (4_000_000, 20_000)].map { ActivityIndex.KeyDay(key: UInt32($0.0), day: $0.1) }
        #expect(keyDays.map { ActivityIndex.KeyDay(stored: $0.stored) } == keyDays)
        #expect(keyDays.map(\.stored) == keyDays.map(\.stored).sorted())
    }

}
