/// Tests and case folding for ASCII bytes, for hot paths that read UTF-8 bytes instead of walking
/// characters (a byte below 0x80 is a whole character in UTF-8).
public enum ASCII {
    public static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    public static func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
    public static func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
    public static func isLetter(_ byte: UInt8) -> Bool { isLower(byte) || isUpper(byte) }
    public static func isAlphanumeric(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) }

    /// `byte` with `A`–`Z` folded to `a`–`z`; every other byte as it is.
    public static func lowercased(_ byte: UInt8) -> UInt8 { isUpper(byte) ? byte + 32 : byte }
}
