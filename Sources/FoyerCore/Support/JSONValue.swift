import Foundation

/// A JSON document as a value: how descriptors, entities and rule inputs travel between pure functions.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// Follows a dotted path such as `metadata.annotations.x`, with keys that may themselves hold dots
    /// matched greedily (annotation keys like `backstage.io/techdocs-ref` contain dots).
    public func value(at path: [String]) -> JSONValue? { locate(path)?.value }

    /// Like `value(at:)`, with the member keys the path went through (a key may hold dots, as in
    /// `annotations.backstage.io/techdocs-ref`).
    public func locate(_ path: [String]) -> (keys: [String], value: JSONValue)? {
        guard !path.isEmpty else { return ([], self) }
        guard case .object(let members) = self else { return nil }
        for length in stride(from: path.count, through: 1, by: -1) {
            let key = path[0..<length].joined(separator: ".")
            if let member = members[key], let found = member.locate(Array(path[length...])) {
                return ([key] + found.keys, found.value)
            }
        }
        return nil
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// The text of a scalar as filters and search compare it; nil for arrays, objects and null.
    public var scalarText: String? {
        switch self {
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .number(let number): number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .null, .array, .object: nil
        }
    }

    /// The name of the JSON type, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let items = try? container.decode([JSONValue].self) {
            self = .array(items)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .number(let number):
            if number.rounded() == number && abs(number) < 9e15 {
                try container.encode(Int64(number))
            } else {
                try container.encode(number)
            }
        case .string(let text): try container.encode(text)
        case .array(let items): try container.encode(items)
        case .object(let members): try container.encode(members)
        }
    }
}

extension JSONValue {
    /// Compact JSON text with sorted keys: stable, so equal values give equal text (and etags).
    public func jsonText() -> String {
        JSONWriter.write(self)
    }

    /// Parses JSON text; nil when malformed.
    public static func parse(jsonText: String) -> JSONValue? {
        JSONParser.parse(jsonText)
    }
}
