import Foundation

/// The users (by number) who did one thing, such as an action on a subject, each with the time of
/// their first such event; kept sorted by user so lookups are binary searches and the bytes are stable.
struct FirstTimes: Sendable, Equatable {
    private(set) var users: [UInt32] = []
    /// Epoch milliseconds, in the order of `users`.
    private(set) var times: [Int64] = []

    init() {}

    /// Records that `user` did it at `time`; true when that is new or earlier than what was known.
    @discardableResult
    mutating func record(_ user: UInt32, at time: Int64) -> Bool {
        let at = position(of: user)
        if at < users.count, users[at] == user {
            guard time < times[at] else { return false }
            times[at] = time
        } else {
            users.insert(user, at: at)
            times.insert(time, at: at)
        }
        return true
    }

    /// When `user` first did it, or nil.
    func time(of user: UInt32) -> Int64? {
        let at = position(of: user)
        return at < users.count && users[at] == user ? times[at] : nil
    }

    var count: Int { users.count }

    private func position(of user: UInt32) -> Int {
        users.firstIndex(notBelow: user) { $0 }
    }
}

extension Array {
    /// The first index whose element's `key` is not below `key`, in an array sorted by that key.
    func firstIndex(notBelow key: UInt32, by elementKey: (Element) -> UInt32) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if elementKey(self[middle]) < key { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

extension FirstTimes {
    /// Little-endian (32-bit user, 64-bit time) entries of 12 bytes: how it is stored.
    var bytes: Data {
        var data = Data(count: users.count * 12)
        data.withUnsafeMutableBytes { buffer in
            for index in users.indices {
                buffer.storeBytes(of: users[index].littleEndian, toByteOffset: index * 12, as: UInt32.self)
                buffer.storeBytes(of: times[index].littleEndian, toByteOffset: index * 12 + 4, as: Int64.self)
            }
        }
        return data
    }

    /// Reads `bytes` back; nil when they are not whole entries with strictly ascending users.
    init?(bytes: Data) {
        guard bytes.count % 12 == 0 else { return nil }
        let count = bytes.count / 12
        users.reserveCapacity(count)
        times.reserveCapacity(count)
        let valid = bytes.withUnsafeBytes { buffer -> Bool in
            for index in 0..<count {
                let user = UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: index * 12, as: UInt32.self))
                if let last = users.last, last >= user { return false }
                users.append(user)
                times.append(Int64(littleEndian: buffer.loadUnaligned(fromByteOffset: index * 12 + 4, as: Int64.self)))
            }
            return true
        }
        guard valid else { return nil }
    }
}
