import Crypto
import Foundation
import FoyerCore
import Hummingbird

/// `/api/catalog/locations…` and `/analyze-location`, plus Foyer's `/problems` listing.
struct LocationController: Sendable {
    let catalog: CatalogService
    /// Folder that relative `file` targets registered through the API resolve against.
    let base: String

    struct LocationBody: Codable {
        let id: String; let type: String; let target: String; let entityRef: String

        var json: JSONValue { .object(["id": .string(id), "type": .string(type), "target": .string(target), "entityRef": .string(entityRef)]) }
    }
    struct RegisterBody: Decodable { let type: String; let target: String }

    static func body(_ location: StoredLocation) -> LocationBody {
        LocationBody(id: location.id, type: location.type, target: location.target, entityRef: entityRef(location.spec))
    }

    /// Backstage's name for the `Location` entity of a registered location: `generated-<sha1 of type:target>`.
    static func entityRef(_ spec: LocationSpec) -> String {
        let digest = Hex.lowercase(Insecure.SHA1.hash(data: Data(spec.annotationValue.utf8)))
        return "location:default/generated-\(digest)"
    }

    func register(on router: Router<FoyerRequestContext>) {
        let group = router.group("api/catalog")
        group.get("locations") { _, _ in
            struct Item: Encodable { let data: LocationBody }
            return try JSONBody.response(try await catalog.locations.all().map { Item(data: Self.body($0)) })
        }
        group.post("locations") { request, context in
            try context.authorize(.edit)
            let body = try await context.decode(RegisterBody.self, from: request)
            let spec = try Self.validated(body)
            try catalog.processor.policy.check(spec, base: base)
            let parameters = QueryParameters(request.uri.query)
            if try parameters.flag("dryRun") == true {
                let processed = await catalog.dryRun(spec, base: base)
                struct DryRun: Encodable { let location: LocationBody; let entities: [JSONValue]; let problems: [CatalogProblem]; let exists: Bool }
                let exists = try await catalog.locations.find(spec) != nil
                return try JSONBody.response(DryRun(
                    location: LocationBody(id: "", type: spec.type, target: spec.target, entityRef: Self.entityRef(spec)),
                    entities: processed.entities.map(\.entity.document), problems: processed.problems, exists: exists), status: .created)
            }
            // As Backstage: an existing location is a conflict, unless `onConflict=refresh` asks to read it again.
            let refreshExisting: Bool
            switch parameters.first("onConflict") {
            case nil, "reject": refreshExisting = false
            case "refresh": refreshExisting = true
            case let other?: throw FoyerError.badRequest("query parameter 'onConflict' must be reject or refresh, not '\(other.prefix(40))'")
            }
            let (location, created, _) = try await catalog.register(spec, base: base, rejectingExisting: !refreshExisting)
            let entities = try await catalog.reader.entities(locationID: location.id, limit: Self.maxEntitiesInAnswer)
            // Written by the JSONValue writer: Foundation's encoder was 1.4 % of a 100,000-entity ingest's profile here.
            return JSONBody.response(.object(["location": Self.body(location).json, "entities": .array(entities.map(\.served)), "exists": .bool(!created)]),
                                     status: .created)
        }
        group.get("locations/:id") { _, context in
            let id = try context.parameters.require("id")
            guard let location = try await catalog.locations.location(id: id) else { throw FoyerError.notFound("no location with id '\(id)'") }
            return try JSONBody.response(Self.body(location))
        }
        group.delete("locations/:id") { _, context in
            try context.authorize(.edit)
            let id = try context.parameters.require("id")
            guard try await catalog.locations.delete(id: id) else { throw FoyerError.notFound("no location with id '\(id)'") }
            return Response(status: .noContent)
        }
        group.get("locations/:id/problems") { _, context in
            let id = try context.parameters.require("id")
            guard try await catalog.locations.location(id: id) != nil else { throw FoyerError.notFound("no location with id '\(id)'") }
            return try JSONBody.response(["items": try await catalog.locations.problems(locationID: id)])
        }
        group.get("locations/by-entity/:kind/:namespace/:name") { _, context in
            let ref = try EntityController.ref(from: context)
            guard let entity = try await catalog.reader.entity(ref: ref) else { throw FoyerError.notFound("no entity \(ref)") }
            guard let id = entity.locationID, let location = try await catalog.locations.location(id: id) else {
                throw FoyerError.notFound("\(ref) has no location")
            }
            return try JSONBody.response(Self.body(location))
        }
        group.get("problems") { _, _ in
            try JSONBody.response(["items": try await catalog.locations.problems()])
        }
        group.post("analyze-location") { request, context in
            try context.authorize(.edit)
            struct Body: Decodable { let location: RegisterBody }
            let body = try await context.decode(Body.self, from: request)
            let processed = await catalog.dryRun(try Self.validated(body.location), base: base)
            struct File: Encodable { let location: RegisterBody; let isRegistered: Bool; let entity: JSONValue }
            struct Analysis: Encodable { let existingEntityFiles: [File]; let generateEntities: [String] }
            var files: [File] = []
            for item in processed.entities {
                let registered = try await catalog.reader.entity(ref: item.entity.ref) != nil
                files.append(File(location: RegisterBody(type: "file", target: item.file), isRegistered: registered, entity: item.entity.document))
            }
            return try JSONBody.response(Analysis(existingEntityFiles: files, generateEntities: []))
        }
    }

    /// A location may hold 100,000 entities; the registration answer lists at most this many.
    static let maxEntitiesInAnswer = 1000

    static func validated(_ body: RegisterBody) throws(FoyerError) -> LocationSpec {
        try LocationSpec.validated(type: body.type, target: body.target)
    }
}

extension LocationController.RegisterBody: Encodable {}
