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

    /// A path without its query string or fragment.
    static func path(_ subject: String) -> String {
        guard let cut = subject.firstIndex(where: { $0 == "?" || $0 == "#" }) else { return subject }
        return String(subject[..<cut])
    }

    static func searchTerm(_ subject: String) -> String {
        subject.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// `kind:namespace/name` lowercased with the default namespace filled in; other text (even
    /// empty) trimmed and lowercased.
    static func normalisedRef(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return EntityRef.parse(trimmed)?.description ?? trimmed.lowercased()
    }
}

