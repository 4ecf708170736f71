import Foundation
import Catalog
import FoyerCore

/// What `top` ranks: each dimension counts some events under a key taken from them.
public enum TopDimension: String, Sendable, CaseIterable {
    case pages, plugins, entities, templates, searches
    case zeroResultSearches = "zero-result-searches"
    case actions

    /// The key `event` counts under in this dimension, or nil when the dimension does not count it.
    public func key(for event: UsageEvent) -> String? {
        switch self {
        case .pages:
            guard event.action == "navigate" else { return nil }
            return Self.path(event.subject)
        case .plugins:
            // Every event with the key counts, an empty value too (under the key "").
            return event.context["pluginId"]
        case .entities:
            return event.context["entityRef"].map(Self.normalisedRef)
        case .templates:
            guard event.action == "create" else { return nil }
            return event.context["entityRef"].map(Self.normalisedRef)
        case .searches:
            guard event.action == "search" else { return nil }
            return Self.searchTerm(event.subject)
        case .zeroResultSearches:
            guard event.action == "search", event.value == 0 else { return nil }
            return Self.searchTerm(event.subject)
        case .actions:
            return event.action
        }
    }

    /// Every dimension's key for `event`, in `allCases` order, each worked out once (the search term
    /// and the entity ref serve two dimensions each): what ingest counts an event under.
    public static func keys(for event: UsageEvent) -> [(dimension: TopDimension, key: String)] {
        var keys: [(dimension: TopDimension, key: String)] = []
        keys.reserveCapacity(5)
        if event.action == "navigate" { keys.append((.pages, path(event.subject))) }
        if let plugin = event.context["pluginId"] { keys.append((.plugins, plugin)) }
        if let entity = event.context["entityRef"].map(normalisedRef) {
            keys.append((.entities, entity))
            if event.action == "create" { keys.append((.templates, entity)) }
        }
        if event.action == "search" {
            let term = searchTerm(event.subject)
            keys.append((.searches, term))
            if event.value == 0 { keys.append((.zeroResultSearches, term)) }
        }
        keys.append((.actions, event.action))
        return keys
    }

    /// A path without its query string or fragment (cut at the first `?` or `#` byte, as a URL is).
    static func path(_ subject: String) -> String {
        guard let cut = subject.utf8.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) else { return subject }
        return String(subject[..<cut])
    }

    static func searchTerm(_ subject: String) -> String {
        trimmed(subject, whitespace: .whitespacesAndNewlines).lowercased()
    }

    /// `text` without surrounding `whitespace`; skips Foundation when both ends are visible ASCII,
    /// as nearly every key's are.
    private static func trimmed(_ text: String, whitespace: CharacterSet) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) else {
            return text.trimmingCharacters(in: whitespace)
        }
        return text
    }

    /// `kind:namespace/name` lowercased with the default namespace filled in; other text (even
    /// empty) trimmed and lowercased.
    static func normalisedRef(_ text: String) -> String {
        let trimmed = trimmed(text, whitespace: .whitespaces)
        return EntityRef.parse(trimmed)?.description ?? trimmed.lowercased()
    }
}

