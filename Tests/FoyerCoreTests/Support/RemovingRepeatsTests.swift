import FoyerCore
import Testing

@Suite struct RemovingRepeatsTests {
    @Test func shortListsKeepTheFirstOfEachValueInOrder() {
        #expect(["a", "B", "a", "b", "B", "c"].removingRepeats() == ["a", "B", "b", "c"])
        #expect([Int]().removingRepeats() == [])
    }

    @Test func longListsKeepTheFirstOfEachValueInOrder() {
        let long = (0..<200).map { "tag-\($0 % 70)" }
        #expect(long.removingRepeats() == (0..<70).map { "tag-\($0)" })
    }
}
