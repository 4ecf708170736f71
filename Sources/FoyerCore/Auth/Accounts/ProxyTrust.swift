/// Single sign-on from an authenticating reverse proxy: its identity headers count only on
/// requests from the configured proxy addresses.
public struct ProxyTrust: Sendable, Equatable {
    /// Exact addresses (`10.0.0.5`, `::1`) or IPv4 ranges (`10.0.0.0/8`).
    public var addresses: [String]
    public var userHeader = "X-Forwarded-User"
    public var emailHeader = "X-Forwarded-Email"

    public init(addresses: [String]) { self.addresses = addresses }

    /// Whether a request from `address` may name its user in headers.
    public func trusts(_ address: String?) -> Bool {
        guard let address else { return false }
        return addresses.contains { Self.matches(address, $0) }
    }

    /// The browser's address: behind the trusted proxy, the last address its `X-Forwarded-For`
    /// names (the one the proxy itself added); otherwise the peer's.
    public func clientAddress(peer: String?, forwardedFor: String?) -> String? {
        guard trusts(peer), let forwardedFor,
              let last = forwardedFor.split(separator: ",").last?.trimmingCharacters(in: .whitespaces),
              !last.isEmpty, last.count <= 64, last.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == ":" }) else { return peer }
        return last
    }

    /// Checks an entry of `auth.trustedProxies`: an IPv4 or IPv6 address, or an IPv4 range.
    public static func validate(_ entry: String) throws(FoyerError) {
        if let (base, bits) = range(entry) {
            guard ipv4(base) != nil, (0...32).contains(bits) else { throw .configuration("'\(entry)' is not an IPv4 range such as 10.0.0.0/8") }
        } else if ipv4(entry) == nil, !(entry.contains(":") && entry.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." })) {
            throw .configuration("'\(entry)' is not an IP address or an IPv4 range")
        }
    }

    static func matches(_ address: String, _ entry: String) -> Bool {
        guard let (base, bits) = range(entry) else { return address.lowercased() == entry.lowercased() }
        guard let value = ipv4(address), let network = ipv4(base), (0...32).contains(bits) else { return false }
        let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << (32 - bits)
        return value & mask == network & mask
    }

    private static func range(_ entry: String) -> (String, Int)? {
        let parts = entry.split(separator: "/")
        guard parts.count == 2, let bits = Int(parts[1]) else { return nil }
        return (String(parts[0]), bits)
    }

    private static func ipv4(_ text: String) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard octet.count <= 3, let byte = UInt8(octet) else { return nil }
            value = value << 8 | UInt32(byte)
        }
        return value
    }
}
