import Foundation

/// The users (by number) active in one bucket, such as a day or a key on a day, each with its event
/// count. A small bucket keeps sorted entries that pack the user into the high and the count into the
/// low 32 bits (lookups are binary searches); once it holds at least half of the users up to its
/// highest, it keeps a count per user number instead (a lookup is one read: a day touches most users,
/// and binary searches over such buckets were most of ingest's time), until a new high user would
/// leave that three quarters empty. Either way it reads and writes the same bytes.
struct UserCounts: Sendable {
    private var entries: [UInt64] = []
    /// Dense form: the count of each user number (0 when absent); empty while sparse.
    private var counts: [UInt32] = []
    private(set) var userCount = 0
    /// The sum of the counts.
    private(set) var events = 0

    init() {}

    /// Sparse buckets smaller than this stay sparse: they are cheap to search and small to keep.
    private static let smallestDense = 64

    var isDense: Bool { !counts.isEmpty }

    /// Adds `events` events of `user`.
    mutating func add(_ user: UInt32, events added: Int = 1) {
        // A user is in a bucket for having events there: nothing to add is no entry.
        guard added > 0 else { return }
        events += added
        if isDense, Int(user) >= counts.count, (userCount + 1) * 4 < Int(user) + 1 {
            sparsify()
        }
        if isDense {
            let slot = Int(user)
            if slot >= counts.count { counts += repeatElement(0, count: slot - counts.count + 1) }
            if counts[slot] == 0 { userCount += 1 }
            counts[slot] = UInt32(min(UInt64(UInt32.max), UInt64(counts[slot]) + UInt64(clamping: added)))
            return
        }
        let at = position(of: user)
        if at < entries.count, Self.user(entries[at]) == user {
            let count = min(UInt64(UInt32.max), (entries[at] & 0xFFFF_FFFF) + UInt64(clamping: added))
            entries[at] = UInt64(user) << 32 | count
        } else {
            entries.insert(UInt64(user) << 32 | UInt64(UInt32(clamping: added)), at: at)
            userCount += 1
            densifyIfFull()
        }
    }

    /// `user`'s events in this bucket (0 when absent).
    func events(of user: UInt32) -> Int {
        if isDense { return Int(user) < counts.count ? Int(counts[Int(user)]) : 0 }
        let at = position(of: user)
        return at < entries.count && Self.user(entries[at]) == user ? Int(entries[at] & 0xFFFF_FFFF) : 0
    }

    /// The users, ascending.
    var users: [UInt32] {
        var users: [UInt32] = []
        users.reserveCapacity(userCount)
        forEachUser { user, _ in users.append(user) }
        return users
    }

    /// Calls `body` with each user, ascending, and its count.
    func forEachUser(_ body: (UInt32, UInt32) -> Void) {
        if isDense {
            for (user, count) in counts.enumerated() where count > 0 { body(UInt32(user), count) }
        } else {
            for entry in entries { body(Self.user(entry), UInt32(truncatingIfNeeded: entry)) }
        }
    }

    static func user(_ entry: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: entry >> 32) }

    /// Switches to the dense form once it is no larger than the sparse one.
    private mutating func densifyIfFull() {
        guard entries.count >= Self.smallestDense, let last = entries.last, entries.count * 2 >= Int(Self.user(last)) + 1 else { return }
        var dense = [UInt32](repeating: 0, count: Int(Self.user(last)) + 1)
        for entry in entries { dense[Int(Self.user(entry))] = UInt32(truncatingIfNeeded: entry) }
        counts = dense
        entries = []
    }

    /// Back to the sorted entries once a new high user would leave the counts three quarters empty
    /// (a bucket that filled while few users existed), so a dense bucket is at most twice the size
    /// of its sparse form.
    private mutating func sparsify() {
        var sparse: [UInt64] = []
        sparse.reserveCapacity(userCount + 1)
        forEachUser { user, count in sparse.append(UInt64(user) << 32 | UInt64(count)) }
        entries = sparse
        counts = []
    }

    private func position(of user: UInt32) -> Int {
        entries.firstIndex(notBelow: user, by: Self.user)
    }
}

extension UserCounts: Equatable {
    /// Equal when they hold the same users with the same counts, in either form.
    static func == (lhs: UserCounts, rhs: UserCounts) -> Bool {
        lhs.userCount == rhs.userCount && lhs.events == rhs.events && lhs.bytes == rhs.bytes
    }
}

extension UserCounts {
    /// Little-endian (user, count) pairs of 32-bit numbers, by ascending user: how a bucket is stored.
    var bytes: Data {
        var data = Data(count: userCount * 8)
        data.withUnsafeMutableBytes { buffer in
            var offset = 0
            forEachUser { user, count in
                buffer.storeBytes(of: user.littleEndian, toByteOffset: offset, as: UInt32.self)
                buffer.storeBytes(of: count.littleEndian, toByteOffset: offset + 4, as: UInt32.self)
                offset += 8
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
                guard count > 0 else { continue }  // never written now; an older save could hold one
                entries.append(UInt64(user) << 32 | UInt64(count))
                events += Int(count)
            }
            return true
        }
        guard valid else { return nil }
        userCount = entries.count
        densifyIfFull()
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
        bucket.forEachUser { user, _ in insert(user) }
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
