import Foundation
import Synchronization

/// UUID-shaped ids that sort by creation time (like UUIDv7), so bulk inserts append to B-tree
/// indexes instead of scattering writes across them.
public enum SortableID {
    private static let counter = Mutex<UInt16>(0)

    /// 48 bits of epoch milliseconds, a 16-bit per-process counter, then 64 random bits.
    public static func make(now: EpochMillis = .now()) -> String {
        let sequence = counter.withLock { value -> UInt16 in
            value &+= 1
            return value
        }
        var generator = SystemRandomNumberGenerator()
        let random = generator.next() as UInt64
        let time = UInt64(max(0, now.value)) & 0xFFFF_FFFF_FFFF
        let hex = String(format: "%012llx%04x%016llx", time, sequence, random)
        let characters = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
    }
}
