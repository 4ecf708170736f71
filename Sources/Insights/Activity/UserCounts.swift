import Foundation

/// The users (by number) active in one bucket, such as a day or a key on a day, each with its event
/// count; kept sorted by user so lookups are binary searches and the bytes are stable. Each entry
/// packs the user into the high and the count into the low 32 bits: one array per bucket.
struct UserCounts: Sendable, Equatable {
    private(set) var entries: [UInt64] = []
    /// The sum of the counts.
    private(set) var events = 0

    init() {}

    /// Adds `events` events of `user`.
    mutating func add(_ user: UInt32, events added: Int = 1) {
        let at = position(of: user)
        if at < entries.count, Self.user(entries[at]) == user {
            let count = min(UInt64(UInt32.max), (entries[at] & 0xFFFF_FFFF) + UInt64(clamping: added))
            entries[at] = UInt64(user) << 32 | count
        } else {
            entries.insert(UInt64(user) << 32 | UInt64(UInt32(clamping: added)), at: at)
        }
        events += added
    }

    /// `user`'s events in this bucket (0 when absent).
    func events(of user: UInt32) -> Int {
        let at = position(of: user)
        return at < entries.count && Self.user(entries[at]) == user ? Int(entries[at] & 0xFFFF_FFFF) : 0
    }

    var userCount: Int { entries.count }

    /// The users, ascending.
    var users: [UInt32] { entries.map(Self.user) }

    static func user(_ entry: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: entry >> 32) }

    /// The first index whose user is not below `user`.
    private func position(of user: UInt32) -> Int {
        var low = 0, high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if Self.user(entries[middle]) < user { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

extension UserCounts {
    /// Little-endian (user, count) pairs of 32-bit numbers: how a bucket is stored.
    var bytes: Data {
        var data = Data(count: entries.count * 8)
        data.withUnsafeMutableBytes { buffer in
            for (index, entry) in entries.enumerated() {
                buffer.storeBytes(of: Self.user(entry).littleEndian, toByteOffset: index * 8, as: UInt32.self)
                buffer.storeBytes(of: UInt32(truncatingIfNeeded: entry).littleEndian, toByteOffset: index * 8 + 4, as: UInt32.self)
            }
        }
        return data
    }

    /// Reads `bytes` back; nil when they are not whole, strictly ascending pairs.
    init?(bytes: Data) {
        guard bytes.count % 8 == 0 else { return nil }
        let pairs = bytes.count / 8
        entries.reserveCapacity(pairs)
        let valid = bytes.withUnsafeBytes { buffer -> Bool in
            for index in 0..<pairs {
                let user = UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: index * 8, as: UInt32.self))
                let count = UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: index * 8 + 4, as: UInt32.self))
                if let last = entries.last, Self.user(last) >= user { return false }
                entries.append(UInt64(user) << 32 | UInt64(count))
                events += Int(count)
            }
            return true
        }
        guard valid else { return nil }
    }
}

/// A set of user numbers as bits: unions over many buckets without hashing.
struct UserBits {
    private var words: [UInt64]

    init(capacity: Int) { words = Array(repeating: 0, count: (capacity + 63) / 64) }

    mutating func insert(_ user: UInt32) {
        let word = Int(user) >> 6
        if word >= words.count { words += Array(repeating: 0, count: word - words.count + 1) }
        words[word] |= 1 << UInt64(user & 63)
    }

    mutating func formUnion(_ bucket: UserCounts) {
        for entry in bucket.entries { insert(UserCounts.user(entry)) }
    }

    func contains(_ user: UInt32) -> Bool {
        let word = Int(user) >> 6
        return word < words.count && words[word] & (1 << UInt64(user & 63)) != 0
    }

    /// Removes every member of `other`.
    mutating func subtract(_ other: UserBits) {
        for index in words.indices where index < other.words.count { words[index] &= ~other.words[index] }
    }

    var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// The members, ascending.
    var members: [UInt32] {
        var result: [UInt32] = []
        for (index, word) in words.enumerated() where word != 0 {
            var rest = word
            while rest != 0 {
                result.append(UInt32(index * 64 + rest.trailingZeroBitCount))
                rest &= rest - 1
            }
        }
        return result
    }
}
