import Foundation
import FoyerCore
import Testing

/// Timestamps read from text keep every millisecond they name.
struct EpochMillisTests {
    @Test(arguments: ["2027-01-01T10:00:00.123Z", "2027-01-01T10:00:00.001Z", "2026-12-31T23:59:59.999Z"])
    func aParsedTimestampKeepsItsMilliseconds(_ text: String) throws {
        let parsed = try #require(EpochMillis(iso8601: text))
        #expect(parsed.iso8601 == text)
    }

    @Test func lowercaseTAndZAreRFC3339TooAndOffsetsBecomeUTC() throws {
        #expect(EpochMillis(iso8601: "2027-01-01t10:00:00z") == EpochMillis(iso8601: "2027-01-01T10:00:00Z"))
        #expect(EpochMillis(iso8601: "2027-01-01T11:30:00+01:30")?.iso8601 == "2027-01-01T10:00:00.000Z")
        #expect(EpochMillis(iso8601: "2027-01-01 10:00") == nil)
    }

    @Test func aTimeIsStoredInTheMillisecondItFallsInNeverTheNextOne() {
        let lastInstantOf2026 = EpochMillis(Date(timeIntervalSince1970: 1_798_761_599.9996))
        #expect(lastInstantOf2026.iso8601 == "2026-12-31T23:59:59.999Z")
    }
}
