import Foundation
import FoyerCore

/// The opaque `cursor` of `by-query`: the query it belongs to and where to continue.
struct EntityCursor: Codable, Sendable {
    var filter: [String]
    var orderField: String?
    var ascending: Bool
    var term: String?
    var termFields: [String]
    var position: EntityPosition?
    var forward: Bool
    var totalItems: Int

    var query: EntityQuery {
        get throws(FoyerError) {
            EntityQuery(
                filter: try EntityFilter.parse(filter),
                order: orderField.map { EntityOrder(field: $0, ascending: ascending) },
                fullTextTerm: term, fullTextFields: termFields)
        }
    }

    func encoded() -> String {
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) throws(FoyerError) -> EntityCursor {
        guard let data = CursorText.decode(text, maxLength: 8192), let cursor = try? JSONDecoder().decode(EntityCursor.self, from: data) else {
            throw .badRequest("the cursor is malformed")
        }
        return cursor
    }
}
