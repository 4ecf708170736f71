import Foundation
import Catalog
import Testing
@testable import Web

@Suite struct RelationGraphTests {
    let center = EntityRef(kind: "component", namespace: "default", name: "checkout")

    @Test func everyRelatedEntityIsALinkedNodeWithItsRelationAsLabel() {
        let relations = [
            Relation(source: center, type: RelationType.ownedBy, target: EntityRef(kind: "group", namespace: "default", name: "payments")),
            Relation(source: center, type: RelationType.providesApi, target: EntityRef(kind: "api", namespace: "shop", name: "orders")),
        ]
        let svg = RelationGraph.svg(center: center, centerTitle: "Checkout", relations: relations)
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.contains(#"href="/catalog/default/group/payments""#))
        #expect(svg.contains(#"href="/catalog/shop/api/orders""#))
        #expect(svg.contains(">Owned by<") && svg.contains(">Provides API<"))
        #expect(svg.contains("2 related entities"))
    }

    @Test func titlesAreEscaped() {
        let svg = RelationGraph.svg(center: center, centerTitle: #"<script>alert("x")</script>"#, relations: [])
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;"))
    }

    @Test func twoRelationsToOneEntityShareANodeAndTheNodeCountIsCapped() {
        let team = EntityRef(kind: "group", namespace: "default", name: "t")
        var relations = [Relation(source: center, type: RelationType.ownedBy, target: team),
                         Relation(source: center, type: RelationType.dependsOn, target: team)]
        for index in 0..<40 {
            relations.append(Relation(source: center, type: RelationType.dependsOn, target: EntityRef(kind: "resource", namespace: "default", name: "r\(index)")))
        }
        let svg = RelationGraph.svg(center: center, centerTitle: "c", relations: relations)
        #expect(svg.contains(">Owned by, Depends on<"))
        #expect(svg.components(separatedBy: "<rect").count - 1 == RelationGraph.maxNodes + 1)
    }
}

