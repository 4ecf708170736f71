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

    @Test func aBucketHoldingMostUsersAnswersAndStoresAsTheSparseOneWould() {
        var bucket = UserCounts()
        // Two users of every three below 300, then one a little further: dense from the 64th user on.
        let users = (0..<300).map { UInt32($0) }.filter { $0 % 3 != 1 } + [350]
        var expected: [UInt32: Int] = [:]
        for (index, user) in users.enumerated() {
            bucket.add(user, events: index % 4 + 1)
            expected[user, default: 0] += index % 4 + 1
            if index % 2 == 0 {
                bucket.add(user)
                expected[user, default: 0] += 1
            }
        }
        #expect(bucket.isDense)
        var bytes = Data()
        for user in expected.keys.sorted() {
            withUnsafeBytes(of: user.littleEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: UInt32(expected[user]!).littleEndian) { bytes.append(contentsOf: $0) }
        }
        #expect(bucket.bytes == bytes)
        #expect(bucket.userCount == users.count && bucket.users == users && bucket.events == expected.values.reduce(0, +))
        #expect(bucket.events(of: 350) == expected[350] && bucket.events(of: 1) == 0 && bucket.events(of: 9_999) == 0)
        bucket.add(4, events: Int(UInt32.max))
        #expect(bucket.events(of: 4) == Int(UInt32.max))
        let restored = UserCounts(bytes: bucket.bytes)
        #expect(restored == bucket && restored?.users == bucket.users)
        var bits = UserBits(capacity: 400)
        bits.formUnion(bucket)
        #expect(bits.members == bucket.users)
    }

    @Test func aBucketThatFilledWhileFewUsersExistedTurnsSparseAgainWhenAFarUserArrives() {
        var bucket = UserCounts()
        for user: UInt32 in 0..<100 { bucket.add(user) }
        #expect(bucket.isDense)
        bucket.add(1_000_000, events: 2)
        #expect(!bucket.isDense)
        #expect(bucket.userCount == 101 && bucket.events(of: 1_000_000) == 2 && bucket.events(of: 99) == 1 && bucket.events == 102)
        #expect(bucket.users == Array(0..<100) + [1_000_000])
        #expect(UserCounts(bytes: bucket.bytes) == bucket)
    }

    @Test func nothingToAddMakesNoEntryAndAStoredZeroCountIsSkipped() {
        var bucket = UserCounts()
        bucket.add(3, events: 0)
        #expect(bucket.userCount == 0 && bucket.users.isEmpty && bucket.bytes.isEmpty)
        var bytes = Data()
        for value: UInt32 in [1, 0, 2, 5] { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        let loaded = UserCounts(bytes: bytes)
        #expect(loaded?.users == [2] && loaded?.userCount == 1 && loaded?.events == 5)
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
