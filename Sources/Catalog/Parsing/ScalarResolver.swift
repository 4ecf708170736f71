import FoyerCore

/// Types plain YAML scalars by the YAML 1.2 core schema, as Backstage's parser does
/// (so `yes`, `on` and `2024-01-01` stay strings, unlike YAML 1.1).
enum ScalarResolver {
    static func resolve(plain text: String) -> JSONValue {
        // Most scalars are words. Numbers start with a digit, a sign or a dot, and the only special
        // forms that start with a letter are null, true and false.
        if let first = text.utf8.first, ASCII.isLetter(first), !"nNtTfF".utf8.contains(first) { return .string(text) }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .number(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .number(-.infinity)
        case ".nan", ".NaN", ".NAN": return .number(.nan)
        default: break
        }
        if isDecimalInteger(text), let number = Double(text) { return .number(number) }
        if text.hasPrefix("0o"), let number = Int64(text.dropFirst(2), radix: 8) { return .number(Double(number)) }
        if text.hasPrefix("0x"), let number = Int64(text.dropFirst(2), radix: 16) { return .number(Double(number)) }
        if isFloat(text), let number = Double(text) { return .number(number) }
        return .string(text)
    }

    private static func isDecimalInteger(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        return !digits.isEmpty && digits.allSatisfy(\.isASCIIDigit)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func isFloat(_ text: String) -> Bool {
        var rest = Substring(text)
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        let mantissaEnd = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) ?? rest.endIndex
        let mantissa = rest[..<mantissaEnd]
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) else { return false }
        guard parts.contains(where: { !$0.isEmpty }) else { return false }
        if parts.count == 2 && parts[0].isEmpty && parts[1].isEmpty { return false }
        if mantissaEnd == rest.endIndex { return true }
        var exponent = rest[rest.index(after: mantissaEnd)...]
        if exponent.first == "-" || exponent.first == "+" { exponent = exponent.dropFirst() }
        return !exponent.isEmpty && exponent.allSatisfy(\.isASCIIDigit)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
