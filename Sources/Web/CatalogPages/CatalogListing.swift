import Catalog
import FoyerCore

/// What the catalog page shows, as its URL says: facet selections, text filter, sort and page.
/// The URL holds the whole state, so a filtered view can be shared.
struct CatalogListing: Equatable {
    /// A facet the page filters on: its query parameter, label and entity field.
    struct Facet: Equatable {
        let parameter: String
        let label: String
        let field: String
    }

    static let facets = [
        Facet(parameter: "kind", label: "Kind", field: "kind"),
        Facet(parameter: "type", label: "Type", field: "spec.type"),
        Facet(parameter: "owner", label: "Owner", field: "spec.owner"),
        Facet(parameter: "lifecycle", label: "Lifecycle", field: "spec.lifecycle"),
        Facet(parameter: "namespace", label: "Namespace", field: "metadata.namespace"),
        Facet(parameter: "tag", label: "Tag", field: "metadata.tags"),
    ]

    /// Columns the table sorts by.
    enum SortColumn: String, CaseIterable {
        case name, kind, type, owner, lifecycle

        var field: String {
            switch self {
            case .name: "metadata.name"
            case .kind: "kind"
            case .type: "spec.type"
            case .owner: "spec.owner"
            case .lifecycle: "spec.lifecycle"
            }
        }
    }

    static let pageSize = 25
    static let maxValuesPerFacet = 20
    static let maxTextLength = 200

    /// Selected values per facet parameter; values of one facet are alternatives, facets combine.
    var selections: [String: [String]] = [:]
    var text = ""
    var sort: SortColumn?
    var descending = false
    var page = 1

    init() {}

    /// Reads the page's query string; a malformed value is a 400 naming the parameter.
    init(_ parameters: QueryParameters) throws(FoyerError) {
        for facet in Self.facets {
            let values = parameters.all(facet.parameter).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard values.count <= Self.maxValuesPerFacet else { throw .badRequest("select at most \(Self.maxValuesPerFacet) values of '\(facet.parameter)'") }
            guard values.allSatisfy({ $0.count <= 200 }) else { throw .badRequest("a '\(facet.parameter)' value is longer than 200 characters") }
            if !values.isEmpty { selections[facet.parameter] = Array(Set(values)).sorted() }
        }
        text = (parameters.first("text") ?? "").trimmingCharacters(in: .whitespaces)
        guard text.count <= Self.maxTextLength else { throw .badRequest("the text filter must be at most \(Self.maxTextLength) characters") }
        if let sortName = parameters.first("sort"), !sortName.isEmpty {
            guard let column = SortColumn(rawValue: sortName) else {
                throw .badRequest("sort must be one of \(SortColumn.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            sort = column
        }
        if let direction = parameters.first("dir"), !direction.isEmpty {
            guard ["asc", "desc"].contains(direction) else { throw .badRequest("dir must be asc or desc") }
            descending = direction == "desc"
        }
        page = try parameters.integer("page", in: 1...100_000) ?? 1
    }

    /// The entities the selections and text pick, optionally ignoring one facet (for that facet's own counts).
    func filter(excluding parameter: String? = nil) -> EntityFilter {
        let conditions = Self.facets.compactMap { facet -> (key: String, values: [String])? in
            guard facet.parameter != parameter, let values = selections[facet.parameter] else { return nil }
            return (facet.field, values)
        }
        return EntityFilter.allOf(conditions)
    }

    func query(excluding parameter: String? = nil) -> EntityQuery {
        EntityQuery(filter: filter(excluding: parameter), order: sort.map { EntityOrder(field: $0.field, ascending: !descending) },
                    fullTextTerm: text.isEmpty ? nil : text)
    }

    var offset: Int { (page - 1) * Self.pageSize }

    /// The URL of this listing; pagination restarts whenever the selection changes.
    var url: String {
        var pairs: [(String, String)] = []
        for facet in Self.facets {
            for value in selections[facet.parameter] ?? [] { pairs.append((facet.parameter, value)) }
        }
        if !text.isEmpty { pairs.append(("text", text)) }
        if let sort { pairs.append(("sort", sort.rawValue)) }
        if descending { pairs.append(("dir", "desc")) }
        if page > 1 { pairs.append(("page", String(page))) }
        guard !pairs.isEmpty else { return "/catalog" }
        return "/catalog?" + pairs.map { "\($0.0)=\(HTMLText.queryEscape($0.1))" }.joined(separator: "&")
    }

    /// This listing with `value` of `parameter` switched on or off, back on page 1.
    func toggling(_ parameter: String, _ value: String) -> CatalogListing {
        var copy = self
        var values = selections[parameter] ?? []
        if let index = values.firstIndex(of: value) { values.remove(at: index) } else { values.append(value) }
        copy.selections[parameter] = values.isEmpty ? nil : values.sorted()
        copy.page = 1
        return copy
    }

    /// This listing sorted by `column`: ascending first, descending when it already sorts ascending by it.
    func sorted(by column: SortColumn) -> CatalogListing {
        var copy = self
        copy.descending = sort == column && !descending
        copy.sort = column
        copy.page = 1
        return copy
    }

    func at(page: Int) -> CatalogListing {
        var copy = self
        copy.page = page
        return copy
    }
}
