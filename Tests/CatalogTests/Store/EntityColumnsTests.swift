@testable import Catalog
import CatalogTestSupport
import FoyerCore
import FoyerTestSupport
import SQLKit
import Testing

/// Kind, namespace, name and uid are answered from the entity's own row: no filter rows are
/// written for them, yet filters, facets and full-text terms find them as before.
@Suite struct EntityColumnsTests {
    static let columnKeys = ["kind", "metadata.name", "metadata.namespace", "metadata.uid"]

    static func filterRowKeys(_ database: Database) async throws -> Set<String> {
        Set(try await database.sql.raw("SELECT DISTINCT key FROM catalog_search").all().map { try $0.decode(column: "key", as: String.self) })
    }

    @Test func ingestWritesNoFilterRowsForKeysHeldInEntityColumns() async throws {
        try await withCatalog { catalog in
            let folder = try TestFolder()
            try folder.write("catalog-info.yaml", Descriptors.component("Web-App"))
            _ = try await catalog.register(LocationSpec(type: "file", target: folder.path), base: "/")
            let keys = try await Self.filterRowKeys(catalog.database)
            #expect(keys.contains("spec.type"))
            #expect(keys.isDisjoint(with: Self.columnKeys), "\(keys)")
        }
    }

    @Test func facetsOnKeysHeldInEntityColumnsCountTheValuesAsWritten() async throws {
        try await withCatalog { catalog in
            let folder = try TestFolder()
            try folder.write("catalog-info.yaml", [
                Descriptors.group("team-a"), Descriptors.component("Web-App"), Descriptors.component("api", type: "library"),
            ].joined(separator: "\n---\n"))
            _ = try await catalog.register(LocationSpec(type: "file", target: folder.path), base: "/")
            let all = try await catalog.reader.facets(Self.columnKeys, filter: .none)
            #expect(all["kind"] == [FacetCount(value: "Component", count: 2), FacetCount(value: "Group", count: 1)])
            #expect(all["metadata.name"] == [FacetCount(value: "Web-App", count: 1), FacetCount(value: "api", count: 1), FacetCount(value: "team-a", count: 1)])
            #expect(all["metadata.namespace"] == [FacetCount(value: "default", count: 3)])
            let web = try #require(try await catalog.reader.entity(ref: EntityRef(kind: "component", namespace: "default", name: "web-app")))
            #expect(all["metadata.uid"]?.count == 3)
            #expect(all["metadata.uid"]?.contains(FacetCount(value: web.uid, count: 1)) == true)

            let services = try await catalog.reader.facets(["kind", "metadata.name", "spec.type"], filter: try EntityFilter.parse(["spec.type=service"]))
            #expect(services["kind"] == [FacetCount(value: "Component", count: 1)])
            #expect(services["metadata.name"] == [FacetCount(value: "Web-App", count: 1)])
            #expect(services["spec.type"] == [FacetCount(value: "service", count: 1)])
        }
    }

    @Test func aRefreshThatChangesTheCaseOfANameChangesItsFacetValue() async throws {
        try await withCatalog { catalog in
            let folder = try TestFolder()
            try folder.write("catalog-info.yaml", Descriptors.component("web-app"))
            let (location, _, _) = try await catalog.register(LocationSpec(type: "file", target: folder.path), base: "/")
            try folder.write("catalog-info.yaml", Descriptors.component("Web-App"))
            #expect(try await catalog.refresh(location).updated == 1)
            #expect(try await catalog.reader.facets(["metadata.name"], filter: .none)["metadata.name"] == [FacetCount(value: "Web-App", count: 1)])
        }
    }

    @Test func fullTextTermsMatchKindNamespaceNameAndUidWithinTheFieldsAsked() async throws {
        try await withCatalog { catalog in
            let folder = try TestFolder()
            try folder.write("catalog-info.yaml", [Descriptors.group("team-a"), Descriptors.component("Web-App")].joined(separator: "\n---\n"))
            _ = try await catalog.register(LocationSpec(type: "file", target: folder.path), base: "/")
            let web = try #require(try await catalog.reader.entity(ref: EntityRef(kind: "component", namespace: "default", name: "web-app")))
            func names(_ term: String, fields: [String] = []) async throws -> [String] {
                try await catalog.reader.entities(EntityQuery(fullTextTerm: term, fullTextFields: fields), offset: 0, limit: nil).map(\.ref.name)
            }
            #expect(try await names("WEB-A") == ["web-app"])
            #expect(try await names("compon") == ["web-app"])
            #expect(try await names(String(web.uid.prefix(20))) == ["web-app"])
            #expect(try await names("web-a", fields: ["metadata.name"]) == ["web-app"])
            #expect(try await names("web-a", fields: ["spec.type"]) == [])
            #expect(try await names("defaul", fields: ["metadata.namespace"]).sorted() == ["team-a", "web-app"])
        }
    }

    @Test func theMigrationTakesKindAndNameAsWrittenFromStoredDocumentsAndDropsTheirFilterRows() async throws {
        try await TestDatabase.with { database in
            let migrations = MigrationsAround(tested: "catalog.011-facets-from-entity-columns")
            try await Migrator(database: database, migrations: migrations.before).migrate()
            let sql = database.sql
            try await sql.raw("""
                INSERT INTO catalog_entities (entity_key, id, ref, kind, namespace, name, body, spec_hash, etag, generation, orphan, created_at, updated_at)
                VALUES (1, 'uid-a', 'component:default/web-app', 'component', 'default', 'web-app',
                        '{"apiVersion":"backstage.io/v1alpha1","kind":"Component","metadata":{"name":"Web-App"}}', 'h', 'e', 1, 0, 0, 0),
                       (2, 'uid-b', 'component:default/bare', 'component', 'default', 'bare', '{}', 'h', 'e', 1, 0, 0, 0)
                """).run()
            for (ord, (key, value)) in [("kind", "Component"), ("metadata.name", "Web-App"), ("metadata.namespace", "default"),
                                        ("metadata.uid", "uid-a"), ("metadata.tags.go", "true")].enumerated() {
                try await sql.raw("""
                    INSERT INTO catalog_search (entity_key, key, ord, value, original_value)
                    VALUES (1, \(bind: key), \(bind: ord), \(bind: value.lowercased()), \(bind: value))
                    """).run()
            }
            #expect(try await Migrator(database: database, migrations: migrations.through).migrate() == [migrations.tested])

            let written = try await sql.raw("SELECT kind_as_written, name_as_written FROM catalog_entities ORDER BY entity_key").all().map {
                [try $0.decode(column: "kind_as_written", as: String.self), try $0.decode(column: "name_as_written", as: String.self)]
            }
            // A document without them (never stored by Foyer) falls back to the lowercased columns.
            #expect(written == [["Component", "Web-App"], ["component", "bare"]])
            #expect(try await Self.filterRowKeys(database) == ["metadata.tags.go"])
        }
    }
}
