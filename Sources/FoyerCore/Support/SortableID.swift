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
        let high = time << 16 | UInt64(sequence)
        // Written straight into the string: a catalog ingest makes one per entity.
        return String(unsafeUninitializedCapacity: 36) { text in
            var position = 0
            for nibble in 0..<32 {
                if nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20 {
                    text[position] = UInt8(ascii: "-")
                    position += 1
                }
                let bits = nibble < 16 ? high : random
                text[position] = Hex.digits[Int((bits >> UInt64(60 - 4 * (nibble % 16))) & 0xF)]
                position += 1
            }
            return position
        }
    }
}
