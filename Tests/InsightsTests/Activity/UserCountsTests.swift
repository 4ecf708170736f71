import Foundation
@testable import Insights
import Testing

struct UserCountsTests {
    @Test func addingKeepsUsersSortedAndSumsTheirEvents() {
        var bucket = UserCounts()
        for user: UInt32 in [7, 3, 7, 0, 3, 7] { bucket.add(user) }
        bucket.add(5, events: 4)
        #expect(bucket.users == [0, 3, 5, 7])
        #expect(bucket.events(of: 7) == 3 && bucket.events(of: 5) == 4 && bucket.events(of: 1) == 0)
        #expect(bucket.events == 10)
    }

    @Test func aHugeCountSaturatesInsteadOfSpillingIntoTheUser() {
        var bucket = UserCounts()
        bucket.add(4, events: Int(UInt32.max) - 1)
        bucket.add(4, events: 5)
        bucket.add(3)
        #expect(bucket.users == [3, 4] && bucket.events(of: 4) == Int(UInt32.max) && bucket.events(of: 3) == 1)
    }

    @Test func bytesRoundTripAndDamagedBytesAreRefused() {
        var bucket = UserCounts()
        for user: UInt32 in [1, 70_000, 2, 1] { bucket.add(user) }
        #expect(UserCounts(bytes: bucket.bytes) == bucket)
        #expect(UserCounts(bytes: bucket.bytes.dropLast()) == nil)
        var unsorted = Data(bucket.bytes.suffix(8))
        unsorted.append(bucket.bytes.prefix(8))
        #expect(UserCounts(bytes: unsorted) == nil)
        #expect(UserCounts(bytes: Data())?.userCount == 0)
    }

    @Test func userBitsCountUnionsWithoutTheSubtractedUsers() {
        var bucket = UserCounts()
        for user: UInt32 in [0, 63, 64, 200] { bucket.add(user) }
        var bits = UserBits(capacity: 10)
        bits.formUnion(bucket)
        bits.insert(63)
        var excluded = UserBits(capacity: 10)
        excluded.insert(64)
        bits.subtract(excluded)
        #expect(bits.count == 3 && bits.members == [0, 63, 200])
        #expect(bits.contains(200) && !bits.contains(64))
    }

    @Test func exactTextKeepsCanonicallyEquivalentSpellingsApartAndSortsByBytes() {
        let composed = ExactText("caf\u{E9}"), decomposed = ExactText("cafe\u{301}")
        #expect(composed.text == decomposed.text)  // Swift's own String equality merges them
        #expect(composed != decomposed && Set([composed, decomposed]).count == 2)
        #expect(decomposed < composed && ExactText("Z") < ExactText("a"))
    }
}
