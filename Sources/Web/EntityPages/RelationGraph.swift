import Catalog
import Foundation

/// The entity's relations drawn as an SVG on the server: the entity in the middle, the entities it
/// relates to around it, each edge labelled with its relation type and each node a link.
enum RelationGraph {
    static let width = 820.0
    static let height = 560.0
    static let maxNodes = 24

    static func svg(center: EntityRef, centerTitle: String, relations: [Relation]) -> String {
        var targets: [EntityRef] = []
        var labels: [EntityRef: [String]] = [:]
        for relation in relations where relation.target != center {
            if labels[relation.target] == nil {
                guard targets.count < maxNodes else { continue }
                targets.append(relation.target)
            }
            labels[relation.target, default: []].append(RelationLabels.title(relation.type))
        }
        let cx = width / 2, cy = height / 2
        let radius = targets.count <= 6 ? 170.0 : 220.0
        var edges = "", nodes = ""
        for (index, target) in targets.enumerated() {
            let angle = Double(index) / Double(max(targets.count, 1)) * 2 * Double.pi - Double.pi / 2
            let x = cx + cos(angle) * radius * 1.45, y = cy + sin(angle) * radius
            let label = HTMLText.escape(labels[target]!.joined(separator: ", "))
            edges += #"<line x1="\#(format(cx))" y1="\#(format(cy))" x2="\#(format(x))" y2="\#(format(y))" class="edge"/>"#
            edges += #"<text x="\#(format((cx + x) / 2))" y="\#(format((cy + y) / 2 - 4))" class="edge-label">\#(label)</text>"#
            nodes += node(x: x, y: y, title: EntityLinks.label(target), kind: target.kind, url: EntityLinks.path(target), central: false)
        }
        nodes += node(x: cx, y: cy, title: centerTitle, kind: center.kind, url: EntityLinks.path(center), central: true)
        let summary = targets.isEmpty ? "no relations" : "\(targets.count) related entities"
        return #"<svg class="relation-graph" viewBox="0 0 \#(format(width)) \#(format(height))" role="img" aria-labelledby="graph-title" xmlns="http://www.w3.org/2000/svg">"#
            + #"<title id="graph-title">Relations of \#(HTMLText.escape(centerTitle)): \#(summary)</title>"#
            + edges + nodes + "</svg>"
    }

    private static func node(x: Double, y: Double, title: String, kind: String, url: String, central: Bool) -> String {
        let shown = title.count > 26 ? String(title.prefix(25)) + "…" : title
        let boxWidth = max(110.0, Double(shown.count) * 7.6 + 24)
        return #"<a href="\#(HTMLText.escape(url))" class="node\#(central ? " central" : "")">"#
            + #"<rect x="\#(format(x - boxWidth / 2))" y="\#(format(y - 22))" width="\#(format(boxWidth))" height="44" rx="8"/>"#
            + #"<text x="\#(format(x))" y="\#(format(y - 4))" class="node-kind">\#(HTMLText.escape(kind))</text>"#
            + #"<text x="\#(format(x))" y="\#(format(y + 13))" class="node-title">\#(HTMLText.escape(shown))</text></a>"#
    }

    private static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}

/// Relation types as people read them.
enum RelationLabels {
    static let titles: [String: String] = [
        RelationType.ownedBy: "Owned by", RelationType.ownerOf: "Owner of",
        RelationType.partOf: "Part of", RelationType.hasPart: "Has part",
        RelationType.providesApi: "Provides API", RelationType.apiProvidedBy: "API provided by",
        RelationType.consumesApi: "Consumes API", RelationType.apiConsumedBy: "API consumed by",
        RelationType.dependsOn: "Depends on", RelationType.dependencyOf: "Dependency of",
        RelationType.memberOf: "Member of", RelationType.hasMember: "Has member",
        RelationType.childOf: "Child of", RelationType.parentOf: "Parent of",
    ]

    static func title(_ type: String) -> String { titles[type] ?? type }
}
