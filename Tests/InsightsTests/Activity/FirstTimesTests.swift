import Foundation
@testable import Insights
import Testing

struct FirstTimesTests {
    @Test func keepsEachUsersEarliestTimeAndSaysWhenItChanged() {
        var firsts = FirstTimes()
        let changes = [firsts.record(7, at: 500), firsts.record(2, at: 900), firsts.record(7, at: 600), firsts.record(7, at: 100)]
        #expect(changes == [true, true, false, true])
        #expect(firsts.users == [2, 7] && firsts.time(of: 7) == 100 && firsts.time(of: 2) == 900 && firsts.time(of: 3) == nil)
    }

    @Test func bytesRoundTripAndDamagedBytesAreRefused() {
        var firsts = FirstTimes()
        for (user, time) in [(UInt32(9), Int64(1_767_225_600_123)), (1, -5), (UInt32.max, .max)] { firsts.record(user, at: time) }
        #expect(FirstTimes(bytes: firsts.bytes) == firsts)
        #expect(FirstTimes(bytes: firsts.bytes.dropLast()) == nil)
        var descending = Data(firsts.bytes.suffix(12))
        descending.append(firsts.bytes.prefix(12))
        #expect(FirstTimes(bytes: descending) == nil)
    }
}
