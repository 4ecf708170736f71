import Catalog
import CatalogTestSupport
import Foundation
import FoyerCore
import FoyerTestSupport
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct SearchTokenizerTests {
    @Test func wordsAreLowercaseRunsOfLettersAndDigits() {
        #expect(SearchTokenizer.tokens("Web-Shop v2: the Café's API!") == ["web", "shop", "v2", "the", "café", "s", "api"])
        #expect(SearchTokenizer.tokens("  ").isEmpty)
    }

    @Test func asciiTextSplitsAsAnyTextDoesAndLongWordsAreCut() {
        #expect(SearchTokenizer.tokens("Web-Shop v2: the CAFE_s API!\r\nNext") == ["web", "shop", "v2", "the", "cafe", "s", "api", "next"])
        #expect(SearchTokenizer.tokens(String(repeating: "Ab", count: 40) + " x") == [String(repeating: "ab", count: 32), "x"])
        #expect(SearchTokenizer.tokens("Zoë Ab") == ["zoë", "ab"])
    }
}

@Suite struct SearchIndexTests {
    static func withIndexed(_ body: (CatalogService, SearchIndex) async throws -> Void) async throws {
        try await withCatalog { catalog in
            let folder = try TestFolder()
            try folder.write("catalog-info.yaml", [
                Descriptors.component("payments", extra: "  title: Payments gateway\n  description: Takes card payments"),
                Descriptors.component("payments-worker", extra: "  description: Background jobs"),
                Descriptors.component("refunds", extra: "  description: Gives payments back\n  tags: [payments]"),
                Descriptors.component("shop", owner: "team-payments", extra: "  description: The web shop"),
                Descriptors.component("search", extra: "  description: Finds products"),
            ].joined(separator: "\n---\n"))
            try await catalog.register(LocationSpec(type: "file", target: folder.path), base: "/")
            try await body(catalog, SearchIndex(database: catalog.database))
        }
    }

    @Test func exactNameRanksFirstThenNamePrefixThenTitleTagsDescriptionOwner() async throws {
        try await Self.withIndexed { _, index in
            let (hits, total) = try await index.search("payments", offset: 0, limit: 10)
            #expect(total == 4)
            #expect(hits.map(\.entity.name) == ["payments", "payments-worker", "refunds", "shop"])
        }
    }

    @Test func aHyphenatedTermRanksTheExactNameAndTheOwnerItNamesFirst() async throws {
        try await withCatalog { catalog in
            let folder = try TestFolder()
            try folder.write("catalog-info.yaml", [
                Descriptors.component("ingest", extra: "  description: Feeds the wayback archive that team c owns"),
                Descriptors.component("wayback-archive"),
                Descriptors.component("viewer", owner: "group:default/team-c"),
            ].joined(separator: "\n---\n"))
            try await catalog.register(LocationSpec(type: "file", target: folder.path), base: "/")
            let index = SearchIndex(database: catalog.database)
            #expect(try await index.search("wayback-archive", offset: 0, limit: 10).hits.map(\.entity.name) == ["wayback-archive", "ingest"])
            // Every entity holds the words `team` and `c…` (owner team-a, kind component); the owner named wins.
            #expect(try await index.search("team-c", offset: 0, limit: 10).hits.map(\.entity.name) == ["viewer", "ingest", "wayback-archive"])
            #expect(try await index.search("wayback_archive%", offset: 0, limit: 10).hits.first?.entity.name == "ingest",
                    "LIKE's wildcards are taken literally: `_` does not stand for the name's `-`")
        }
    }

    @Test func kindsAndTypesRestrictTheHitsAndTheirCount() async throws {
        try await Self.withIndexed { _, index in
            #expect(try await index.search("payments", kinds: ["Component"], offset: 0, limit: 10).total == 4)
            #expect(try await index.search("payments", kinds: ["api"], offset: 0, limit: 10).total == 0)
            #expect(try await index.search("payments", types: ["website"], offset: 0, limit: 10).hits.isEmpty)
            let services = try await index.search("payments", kinds: ["component"], types: ["service"], offset: 0, limit: 2)
            #expect(services.total == 4)
            #expect(services.hits.map(\.entity.name) == ["payments", "payments-worker"])
        }
    }

    @Test func everyWordMustMatchAsAPrefix() async throws {
        try await Self.withIndexed { (_: CatalogService, index: SearchIndex) async throws in
            #expect(try await index.search("pay gate", offset: 0, limit: 10).hits.map(\.entity.name) == ["payments"])
            #expect(try await index.search("PROD", offset: 0, limit: 10).hits.map(\.entity.name) == ["search"])
            #expect(try await index.search("nothing-like-this", offset: 0, limit: 10).total == 0)
            #expect(try await index.search("   ", offset: 0, limit: 10).total == 0)
        }
    }

    @Test func deletedEntitiesLeaveTheIndex() async throws {
        try await Self.withIndexed { catalog, index in
            let shop = try #require(try await catalog.reader.entity(ref: EntityRef(kind: "component", namespace: "default", name: "shop")))
            #expect(try await catalog.writer.delete(uid: shop.uid))
            #expect(try await index.search("shop", offset: 0, limit: 10).total == 0)
        }
    }

    @Test func updatedDescriptionsAreSearchable() async throws {
        try await withCatalog { catalog in
            let folder = try TestFolder()
            try folder.write("catalog-info.yaml", Descriptors.component("web"))
            let (location, _, _) = try await catalog.register(LocationSpec(type: "file", target: folder.path), base: "/")
            try folder.write("catalog-info.yaml", Descriptors.component("web", extra: "  description: Sells lanterns"))
            try await catalog.refresh(location)
            #expect(try await SearchIndex(database: catalog.database).search("lantern", offset: 0, limit: 5).hits.map(\.entity.name) == ["web"])
        }
    }
}

@Suite struct SearchAPITests {
    @Test func queryAnswersInBackstagesShapeWithPages() async throws {
        try await withCatalogAPI { (client: any TestClientProtocol) async throws in
            let first = try await client.json("/api/search/query?term=team&pageLimit=2")
            #expect(first["numberOfResults"] == .number(8))
            let results = first["results"]?.arrayValue ?? []
            #expect(results.count == 2)
            #expect(results.first?["type"] == .string("software-catalog"))
            #expect(results.first?["rank"] == .number(1))
            #expect(results.first?["document"]?["location"]?.stringValue?.hasPrefix("/catalog/default/") == true)
            let next = try #require(first["pageInfo"] == nil ? first["nextPageCursor"]?.stringValue : nil)
            let second = try await client.json("/api/search/query?term=team&pageLimit=2&pageCursor=\(next)")
            #expect(second["results"]?.arrayValue?.first?["rank"] == .number(3))
            #expect(second["previousPageCursor"] != nil)
            #expect(try await client.json("/api/search/query?term=team&types[0]=techdocs")["numberOfResults"] == .number(0))
            #expect(try await client.execute(uri: "/api/search/query?term=x&pageCursor=!!", method: .get).status == .badRequest)
        }
    }
}
