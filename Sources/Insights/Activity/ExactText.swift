import Foundation

/// Text that is equal only to the same UTF-8 bytes, as SQL compares text; Swift's `String` would
/// merge canonically equivalent spellings (a precomposed and a decomposed "é") into one key.
struct ExactText: Hashable, Sendable, Comparable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (lhs: ExactText, rhs: ExactText) -> Bool {
        let left = lhs.text.utf8, right = rhs.text.utf8
        guard left.count == right.count else { return false }
        // Native strings are contiguous: one memory comparison instead of a byte-by-byte walk.
        let compared = left.withContiguousStorageIfAvailable { left in
            right.withContiguousStorageIfAvailable { right in
                left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0
            }
        }
        return (compared ?? nil) ?? left.elementsEqual(right)
    }

    /// Byte order, which is code point order: SQLite's `BINARY` and PostgreSQL's `"C"` collation.
    static func < (lhs: ExactText, rhs: ExactText) -> Bool { lhs.text.utf8.lexicographicallyPrecedes(rhs.text.utf8) }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
