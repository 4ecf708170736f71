import FoyerCore
import Testing

@Suite struct SortableIDTests {
    @Test func idIsUUIDShapedLowercaseHexStartingWithItsMillisecond() {
        let id = SortableID.make(now: EpochMillis(0x0123_4567_89AB))
        let groups = id.split(separator: "-", omittingEmptySubsequences: false).map(\.count)
        #expect(groups == [8, 4, 4, 4, 12])
        #expect(id.hasPrefix("01234567-89ab-"))
        #expect(id.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) || $0 == UInt8(ascii: "-") })
    }

    @Test func idsSortInTheOrderTheyWereMadeAndNeverRepeat() {
        let now = EpochMillis(1_764_800_000_000)
        let ids = (0..<1_000).map { index in SortableID.make(now: EpochMillis(now.value + Int64(index / 100))) }
        #expect(Set(ids).count == ids.count)
        // Within one millisecond the counter orders them (barring its wrap, 65,536 ids apart).
        let wraps = zip(ids, ids.dropFirst()).filter { $0 >= $1 }.count
        #expect(wraps <= 1)
    }
}
