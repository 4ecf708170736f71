import Catalog
import Testing
@testable import Web

@Suite struct VisitHistoryTests {
    let a = EntityRef(kind: "component", namespace: "default", name: "a")
    let b = EntityRef(kind: "component", namespace: "default", name: "b")

    @Test func aVisitMovesTheEntityToTheFrontAndCountsIt() {
        let history = VisitHistory().recording(a).recording(b).recording(a)
        #expect(history.recent == [a, b])
        #expect(history.visits.map(\.count) == [2, 1])
    }

    @Test func mostVisitedOrdersByCountThenRecency() {
        let history = VisitHistory().recording(a).recording(a).recording(b)
        #expect(history.mostVisited.map(\.ref) == [a, b])
        let tie = VisitHistory().recording(a).recording(b)
        #expect(tie.mostVisited.map(\.ref) == [b, a])
    }

    @Test func theCookieReadsBackAndKeepsAtMostTwelve() {
        var history = VisitHistory()
        for index in 0..<20 { history = history.recording(EntityRef(kind: "api", namespace: "default", name: "api-\(index)")) }
        #expect(history.visits.count == VisitHistory.capacity)
        #expect(VisitHistory(cookie: history.cookieValue) == history)
    }

    @Test func malformedCookieEntriesAreSkipped() {
        let history = VisitHistory(cookie: "component:default/a*3|<script>*1|api:default/b*-4|api:default/c*x|user:default/d*2")
        #expect(history.visits.map(\.ref.description) == ["component:default/a", "user:default/d"])
        #expect(VisitHistory(cookie: String(repeating: "x", count: 5000)).visits.isEmpty)
    }
}
