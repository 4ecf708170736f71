import Mustache

// The catalog table renders hundreds of these per page; answering lookups by name directly instead
// of through reflection (Mirror) makes the page several times cheaper to render.

extension CatalogTable: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "facets": facets
        case "columns": columns
        case "rows": rows
        case "text": text
        case "totalItems": totalItems
        case "firstItem": firstItem
        case "lastItem": lastItem
        case "previousURL": previousURL
        case "nextURL": nextURL
        case "pages": pages
        case "hasFilters": hasFilters
        case "hasItems": hasItems
        default: nil
        }
    }
}

extension CatalogTable.FacetGroup: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "parameter": parameter
        case "values": values
        default: nil
        }
    }
}

extension CatalogTable.FacetValue: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "count": count
        case "selected": selected
        case "parameter": parameter
        case "inputID": inputID
        default: nil
        }
    }
}

extension CatalogTable.Column: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "url": url
        case "sortState": sortState
        default: nil
        }
    }
}

extension CatalogTable.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "url": url
        case "kind": kind
        case "type": type
        case "owner": owner
        case "lifecycle": lifecycle
        case "description": description
        case "tags": tags
        default: nil
        }
    }
}

extension CatalogTable.PageLink: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": number
        case "url": url
        case "current": current
        default: nil
        }
    }
}

extension EntityLink: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "url": url
        case "kind": kind
        default: nil
        }
    }
}
