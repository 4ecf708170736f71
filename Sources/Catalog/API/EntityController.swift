import Foundation
import FoyerCore
import HTTPTypes
import Hummingbird
import NIOCore

/// `/api/catalog/entities…`, `/entity-facets`, `/refresh` and `/validate-entity`, in Backstage's shapes.
struct EntityController: Sendable {
    let catalog: CatalogService
    let validator: EntityValidator

    static let defaultPageSize = 20
    static let maxPageSize = 1000

    func register(on router: Router<FoyerRequestContext>) {
        let group = router.group("api/catalog")
        group.get("entities") { request, _ in try await listEntities(request) }
        group.get("entities/by-query") { request, _ in try await queryEntities(request) }
        group.get("entities/by-uid/:uid") { request, context in
            let uid = try context.parameters.require("uid")
            guard let entity = try await catalog.reader.entity(uid: uid) else { throw FoyerError.notFound("no entity with uid '\(uid)'") }
            return JSONBody.response(entity.served)
        }
        group.delete("entities/by-uid/:uid") { _, context in
            try context.authorize(.edit)
            let uid = try context.parameters.require("uid")
            guard try await catalog.writer.delete(uid: uid) else { throw FoyerError.notFound("no entity with uid '\(uid)'") }
            return Response(status: .noContent)
        }
        group.get("entities/by-name/:kind/:namespace/:name") { _, context in
            let ref = try Self.ref(from: context)
            guard let entity = try await catalog.reader.entity(ref: ref) else { throw FoyerError.notFound("no entity \(ref)") }
            return JSONBody.response(entity.served)
        }
        group.get("entities/by-name/:kind/:namespace/:name/ancestry") { _, context in
            JSONBody.response(try await ancestry(of: try Self.ref(from: context)))
        }
        group.post("entities/by-refs") { request, context in
            struct Body: Decodable { let entityRefs: [String]; let fields: [String]? }
            let body = try await context.decode(Body.self, from: request)
            guard body.entityRefs.count <= 1000 else { throw FoyerError.badRequest("at most 1000 entityRefs per request") }
            // As Backstage: `fields` of the query and of the body together; an entity the query's
            // `filter` does not select is answered as null, like a missing one.
            let parameters = QueryParameters(request.uri.query)
            let projection = try FieldProjection.parse(parameters.all("fields") + (body.fields ?? []))
            let filter = try EntityFilter.parse(parameters.all("filter"))
            let refs = body.entityRefs.map { EntityRef.parse($0) }
            let found = try await catalog.reader.entities(refs: refs.compactMap { $0 })
            var iterator = found.makeIterator()
            let items: [JSONValue] = refs.map { ref in
                guard ref != nil, let entity = iterator.next() ?? nil, filter.matches(FilterableEntity(entity)) else { return .null }
                return projection.apply(to: entity.served)
            }
            return JSONBody.response(.object(["items": .array(items)]))
        }
        group.get("entity-facets") { request, _ in
            let parameters = QueryParameters(request.uri.query)
            let names = parameters.all("facet")
            guard !names.isEmpty, names.count <= 20 else { throw FoyerError.badRequest("give 1 to 20 facet parameters") }
            let facets = try await catalog.reader.facets(names, filter: try EntityFilter.parse(parameters.all("filter")))
            return try JSONBody.response(["facets": facets])
        }
        group.post("refresh") { request, context in
            try context.authorize(.edit)
            struct Body: Decodable { let entityRef: String }
            let body = try await context.decode(Body.self, from: request)
            guard let ref = EntityRef.parse(body.entityRef) else { throw FoyerError.badRequest("'\(body.entityRef)' is not an entity reference") }
            guard let entity = try await catalog.reader.entity(ref: ref) else { throw FoyerError.notFound("no entity \(ref)") }
            guard let locationID = entity.locationID, let location = try await catalog.locations.location(id: locationID) else {
                throw FoyerError(.conflict, "\(ref) has no location to refresh from")
            }
            try await catalog.refresh(location)
            return Response(status: .ok)
        }
        group.post("validate-entity") { request, context in
            // As Backstage: every refusal is a 400 listing `errors`, and a valid entity an empty 200.
            let body = try await context.decode(JSONValue.self, from: request)
            guard let location = body["location"]?.stringValue, location.hasPrefix("url:"), location.count > 4 else {
                return try Self.invalid(["location must be a location ref such as url:https://host/path/catalog-info.yaml"])
            }
            guard let entity = body["entity"], entity.objectValue != nil else { return try Self.invalid(["entity must be a JSON object"]) }
            var problems = validator.validate(entity)
            if problems.isEmpty { problems = RelationBuilder.relations(for: Entity(document: entity)).problems }
            guard problems.isEmpty else { return try Self.invalid(problems.map { ($0.field.map { "\($0): " } ?? "") + $0.message }) }
            return Response(status: .ok)
        }
    }

    struct ValidationError: Encodable { let name: String; let message: String }

    /// Backstage's answer to an entity that does not validate.
    static func invalid(_ messages: [String]) throws -> Response {
        try JSONBody.response(["errors": messages.map { ValidationError(name: "InputError", message: $0) }], status: .badRequest)
    }
    static let link = HTTPField.Name("Link")!

    static func ref(from context: FoyerRequestContext) throws -> EntityRef {
        EntityRef(kind: try context.parameters.require("kind"), namespace: try context.parameters.require("namespace"),
                  name: try context.parameters.require("name"))
    }

    /// `GET /entities`: a plain array, with filter, fields, order, offset and limit (or `after`);
    /// a page with more after it links to the next one in its `Link` header.
    private func listEntities(_ request: Request) async throws -> Response {
        let parameters = QueryParameters(request.uri.query)
        var query = EntityQuery(filter: try EntityFilter.parse(parameters.all("filter")))
        // Each `order` parameter sorts the ties of the ones before it.
        let orders = try parameters.all("order").prefix(10).map { text throws(FoyerError) -> EntityOrder in
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, ["asc", "desc"].contains(parts[0]) else { throw FoyerError.badRequest("order must look like asc:metadata.name") }
            return EntityOrder(field: parts[1], ascending: parts[0] == "asc")
        }
        query.order = orders.first
        query.thenBy = Array(orders.dropFirst())
        let projection = try FieldProjection.parse(parameters.all("fields"))
        let page = try ListPage.parse(parameters)
        // One more than the page holds tells whether a next page exists.
        let entities = try await catalog.reader.entities(query, offset: page.offset, limit: page.limit.map { $0 + 1 })
        var response = JSONBody.response(.array(entities.prefix(page.limit ?? entities.count).map { projection.apply(to: $0.served) }))
        if let limit = page.limit, entities.count > limit, let link = page.nextLink(path: request.uri.path, query: request.uri.query) {
            response.headers[Self.link] = link
        }
        return response
    }

    /// `GET /entities/by-query`: keyset pages with `totalItems` and opaque cursors; an answer is
    /// remembered, by query string, until the catalog next changes.
    private func queryEntities(_ request: Request) async throws -> Response {
        let stamp = try await catalog.reader.version()
        let key = "\(stamp.instance)|\(request.uri.query ?? "")"
        if let cached = QueryAnswerCache.shared.value(for: key, version: stamp.version) { return JSONBody.response(json: cached) }
        let answer = ByteBuffer(string: try await queryAnswer(QueryParameters(request.uri.query)).jsonText())
        if answer.readableBytes <= QueryAnswerCache.maxBytes { QueryAnswerCache.shared.store(answer, for: key, version: stamp.version) }
        return JSONBody.response(json: answer)
    }

    private func queryAnswer(_ parameters: QueryParameters) async throws -> JSONValue {
        let projection = try FieldProjection.parse(parameters.all("fields"))
        let limit = try parameters.integer("limit", in: 0...Self.maxPageSize) ?? Self.defaultPageSize
        // As Backstage: `offset` belongs to the first request; a cursor already says where to go on.
        let offset = parameters.first("cursor") == nil ? try parameters.integer("offset", in: 0...Int(Int32.max)) ?? 0 : 0
        var cursor: EntityCursor
        if let text = parameters.first("cursor") {
            cursor = try EntityCursor.decode(text)
        } else {
            // Without an orderField, Backstage returns entities ordered by their uid.
            var orderField = EntityQuerySQL.uidField
            var ascending = true
            if let order = parameters.first("orderField") {
                let parts = order.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                guard (1...2).contains(parts.count), parts.count == 1 || ["asc", "desc"].contains(parts[1]) else {
                    throw FoyerError.badRequest("orderField must look like metadata.name,asc")
                }
                orderField = parts[0]
                ascending = parts.count == 1 || parts[1] == "asc"
            }
            let term = parameters.first("fullTextFilterTerm").map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            var termFields = parameters.all("fullTextFilterFields").flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            // As Backstage: without fields, the term is looked for in the sort field only.
            if termFields.isEmpty { termFields = [orderField] }
            cursor = EntityCursor(filter: parameters.all("filter"), orderField: orderField, ascending: ascending, term: term,
                                  termFields: termFields, position: nil, forward: true, totalItems: 0)
            switch parameters.first("totalItems") {
            case nil, "include": cursor.totalItems = try await catalog.reader.count(try cursor.query)
            case "exclude": cursor.totalItems = 0  // as Backstage: the caller said it does not need the count
            case let other?: throw FoyerError.badRequest("query parameter 'totalItems' must be include or exclude, not '\(other.prefix(40))'")
            }
        }
        let page = try await catalog.reader.page(try cursor.query, after: cursor.position, forward: cursor.forward, limit: limit, skipping: offset)
        var pageInfo: [String: String] = [:]
        let moreForward = cursor.forward ? page.hasMore : cursor.position != nil
        let moreBackward = cursor.forward ? cursor.position != nil || offset > 0 : page.hasMore
        if moreForward, let last = page.last {
            var next = cursor
            next.position = last
            next.forward = true
            pageInfo["nextCursor"] = next.encoded()
        }
        if moreBackward, let first = page.first {
            var previous = cursor
            previous.position = first
            previous.forward = false
            pageInfo["prevCursor"] = previous.encoded()
        }
        return .object([
            "items": .array(page.entities.map { projection.apply(to: $0.served) }),
            "totalItems": .number(Double(cursor.totalItems)),
            "pageInfo": .object(pageInfo.mapValues(JSONValue.string)),
        ])
    }

    /// The entity and the `Location` entities that led to it, root first as Backstage lists them.
    private func ancestry(of ref: EntityRef) async throws -> JSONValue {
        var items: [JSONValue] = []
        var current = ref
        var seen: Set<EntityRef> = []
        while seen.insert(current).inserted, let entity = try await catalog.reader.entity(ref: current) {
            let parent = try await catalog.reader.parentRef(of: current)
            items.append(.object(["entity": entity.served, "parentEntityRefs": .array(parent.map { [.string($0.description)] } ?? [])]))
            guard let parent else { break }
            current = parent
        }
        guard !items.isEmpty else { throw FoyerError.notFound("no entity \(ref)") }
        return .object(["rootEntityRef": .string(ref.description), "items": .array(items)])
    }
}
