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
        let bytes = (0..<6).reversed().map { UInt8(truncatingIfNeeded: time >> ($0 * 8)) }
            + [UInt8(sequence >> 8), UInt8(truncatingIfNeeded: sequence)]
            + (0..<8).reversed().map { UInt8(truncatingIfNeeded: random >> ($0 * 8)) }
        let hex = Array(Hex.lowercase(bytes))
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(hex[$0]) }.joined(separator: "-")
    }
}
