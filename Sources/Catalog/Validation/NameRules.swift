/// Backstage's format rules for names, namespaces, keys and tags, as pure predicates.
public enum NameRules {
    static func isAlphanumeric(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }
    static func isLowerAlphanumeric(_ c: Character) -> Bool { c.isASCII && (c.isLowercase || c.isNumber) }

    /// `metadata.name`: 1–63 chars, `[A-Za-z0-9]` at both ends, `[-A-Za-z0-9_.]` between.
    public static func isValidName(_ text: String) -> Bool {
        guard (1...63).contains(text.count), let first = text.first, let last = text.last else { return false }
        return isAlphanumeric(first) && isAlphanumeric(last)
            && text.allSatisfy { isAlphanumeric($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }

    /// A DNS label: 1–63 chars, `[a-z0-9]` groups joined by single `-`.
    public static func isValidDNSLabel(_ text: String) -> Bool {
        guard (1...63).contains(text.count) else { return false }
        return isGroupsJoinedByDash(text, allowed: isLowerAlphanumeric)
    }

    /// A DNS subdomain: at most 253 chars of dot-separated DNS labels.
    public static func isValidDNSSubdomain(_ text: String) -> Bool {
        guard (1...253).contains(text.count) else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isValidDNSLabel(String($0)) }
    }

    /// `kind`: 1–63 chars, a letter first, then letters and digits.
    public static func isValidKind(_ text: String) -> Bool {
        guard (1...63).contains(text.count), let first = text.first, first.isASCII, first.isLetter else { return false }
        return text.allSatisfy(isAlphanumeric)
    }

    /// Label and annotation keys: `[prefix/]name`, prefix a DNS subdomain, name as `metadata.name`.
    public static func isValidKey(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return isValidName(text)
        case 2: return isValidDNSSubdomain(String(parts[0])) && isValidName(String(parts[1]))
        default: return false
        }
    }

    /// Label values: empty, or as `metadata.name`.
    public static func isValidLabelValue(_ text: String) -> Bool {
        text.isEmpty || isValidName(text)
    }

    /// Tags: 1–63 chars, `[a-z0-9:+#]` groups joined by single `-`.
    public static func isValidTag(_ text: String) -> Bool {
        guard (1...63).contains(text.count) else { return false }
        return isGroupsJoinedByDash(text) { isLowerAlphanumeric($0) || $0 == ":" || $0 == "+" || $0 == "#" }
    }

    /// `apiVersion` as Backstage checks it: `[group/]version`, group a DNS subdomain, version 1–63
    /// ASCII letters and digits (`v1`, `backstage.io/v1alpha1`, `example.com/v1Beta1`).
    public static func isValidAPIVersion(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard let version = parts.last, parts.count <= 2 else { return false }
        let validVersion = (1...63).contains(version.count) && version.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        return validVersion && (parts.count == 1 || isValidDNSSubdomain(String(parts[0])))
    }

    /// Groups of `allowed` characters joined by single dashes, no dash at either end.
    private static func isGroupsJoinedByDash(_ text: String, allowed: (Character) -> Bool) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.allSatisfy { !$0.isEmpty && $0.allSatisfy(allowed) }
    }

    /// Keys that `spec`, `labels` and `annotations` may not use.
    public static let reservedKeys: Set<String> = ["apiVersion", "kind", "uid", "etag", "generation", "name", "namespace", "labels", "annotations", "spec"]
}
