import FoyerCore

/// Backstage's format rules for names, namespaces, keys and tags, as pure predicates. Every rule
/// allows only ASCII, so they test UTF-8 bytes (a non-ASCII byte fails each of them), which is
/// much cheaper than walking characters for every field of a large catalog.
public enum NameRules {
    typealias Bytes = Substring.UTF8View

    static func isLowerAlphanumeric(_ byte: UInt8) -> Bool { ASCII.isLower(byte) || ASCII.isDigit(byte) }

    /// `metadata.name`: 1–63 chars, `[A-Za-z0-9]` at both ends, `[-A-Za-z0-9_.]` between.
    public static func isValidName(_ text: String) -> Bool { isName(Substring(text).utf8) }

    /// A DNS label: 1–63 chars, `[a-z0-9]` groups joined by single `-`.
    public static func isValidDNSLabel(_ text: String) -> Bool { isDNSLabel(Substring(text).utf8) }

    /// A DNS subdomain: at most 253 chars of dot-separated DNS labels.
    public static func isValidDNSSubdomain(_ text: String) -> Bool { isDNSSubdomain(Substring(text).utf8) }

    /// `kind`: 1–63 chars, a letter first, then letters and digits.
    public static func isValidKind(_ text: String) -> Bool {
        let bytes = text.utf8
        guard (1...63).contains(bytes.count), let first = bytes.first, ASCII.isLetter(first) else { return false }
        return bytes.allSatisfy(ASCII.isAlphanumeric)
    }

    /// Label and annotation keys: `[prefix/]name`, prefix a DNS subdomain, name as `metadata.name`.
    public static func isValidKey(_ text: String) -> Bool {
        let parts = Substring(text).utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return isName(parts[0])
        case 2: return isDNSSubdomain(parts[0]) && isName(parts[1])
        default: return false
        }
    }

    /// Label values: empty, or as `metadata.name`.
    public static func isValidLabelValue(_ text: String) -> Bool {
        text.isEmpty || isValidName(text)
    }

    /// Tags: 1–63 chars, `[a-z0-9:+#]` groups joined by single `-`.
    public static func isValidTag(_ text: String) -> Bool {
        let bytes = Substring(text).utf8
        guard (1...63).contains(bytes.count) else { return false }
        return isGroupsJoinedByDash(bytes) { isLowerAlphanumeric($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "#") }
    }

    /// `apiVersion` as Backstage checks it: `[group/]version`, group a DNS subdomain, version 1–63
    /// ASCII letters and digits (`v1`, `backstage.io/v1alpha1`, `example.com/v1Beta1`).
    public static func isValidAPIVersion(_ text: String) -> Bool {
        let parts = Substring(text).utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        guard let version = parts.last, parts.count <= 2 else { return false }
        let validVersion = (1...63).contains(version.count) && version.allSatisfy(ASCII.isAlphanumeric)
        return validVersion && (parts.count == 1 || isDNSSubdomain(parts[0]))
    }

    private static func isName(_ bytes: Bytes) -> Bool {
        guard (1...63).contains(bytes.count), let first = bytes.first, let last = bytes.last else { return false }
        return ASCII.isAlphanumeric(first) && ASCII.isAlphanumeric(last)
            && bytes.allSatisfy { ASCII.isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    private static func isDNSLabel(_ bytes: Bytes) -> Bool {
        (1...63).contains(bytes.count) && isGroupsJoinedByDash(bytes, allowed: isLowerAlphanumeric)
    }

    private static func isDNSSubdomain(_ bytes: Bytes) -> Bool {
        (1...253).contains(bytes.count) && bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).allSatisfy(isDNSLabel)
    }

    /// Groups of `allowed` bytes joined by single dashes, no dash at either end.
    private static func isGroupsJoinedByDash(_ bytes: Bytes, allowed: (UInt8) -> Bool) -> Bool {
        bytes.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0.allSatisfy(allowed) }
    }

    /// Keys that `spec`, `labels` and `annotations` may not use.
    public static let reservedKeys: Set<String> = ["apiVersion", "kind", "uid", "etag", "generation", "name", "namespace", "labels", "annotations", "spec"]
}
