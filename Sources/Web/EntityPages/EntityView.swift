import Catalog
import FoyerCore

/// An entity page as templates read it: overview, relations, API, descriptor and the current tab.
struct EntityView {
    struct Tab {
        let id: String
        let title: String
        let url: String
        let current: Bool
    }

    struct RelationGroup {
        let title: String
        let entities: [EntityLink]
    }

    struct Problem {
        let location: String
        let field: String?
        let message: String
    }

    let ref: String
    let entityRef: EntityRef
    let title: String
    let kind: String
    let name: String
    let namespace: String
    let description: String?
    let type: String?
    let lifecycle: String?
    let owner: EntityLink?
    let system: EntityLink?
    let domain: EntityLink?
    let tags: [String]
    let links: [ExternalLink]
    let isOrphan: Bool
    let viewSourceURL: String?
    let editURL: String?
    let sourceLocation: String?
    let problems: [Problem]
    let relationGroups: [RelationGroup]
    let graphSVG: String
    let api: APIDefinition?
    let descriptor: String
    let team: TeamView?
    let person: PersonView?
    /// Views of this entity's pages over the last weeks (from Insights).
    var viewsSVG: String?
    var viewCount = 0
    var viewerCount = 0
    var tabs: [Tab] = []
    var tab = "overview"
    var contributedHTML: String?
    /// Locked features with their snippets (entities a feature applies to).
    var unlock: UnlockCard?
    /// Feature adoption and new members' onboarding (groups).
    var teamAdoption: TeamAdoptionView?
    /// The team's track levels and open campaign action items (groups).
    var teamScorecards: TeamScorecards?
    var teamFeedback: TeamFeedback?

    // Stored, not computed: templates read values through reflection, which sees stored properties only.
    var showOverview = true
    var showRelations = false
    var showAPI = false
    var showDescriptor = false

    /// `related` holds the entities the relations point at, for their titles and the team/person sections.
    init(stored: StoredEntity, related: [EntityRef: StoredEntity], problems: [CatalogProblem], activity: [String: MemberActivity] = [:]) {
        let entity = Entity(document: stored.body)
        let relations = stored.relations
        func first(_ type: String, kind: String? = nil) -> EntityRef? {
            relations.first { $0.type == type && (kind == nil || $0.target.kind == kind) }?.target
        }
        func link(_ ref: EntityRef?) -> EntityLink? {
            ref.map { EntityLink($0, in: related) }
        }
        ref = stored.ref.description
        entityRef = stored.ref
        title = EntityLinks.title(entity)
        kind = entity.kind
        name = entity.name
        namespace = entity.namespace
        description = entity.metadata["description"]?.stringValue
        type = entity.spec["type"]?.scalarText
        lifecycle = entity.spec["lifecycle"]?.scalarText
        owner = link(first(RelationType.ownedBy))
        let systemRef = first(RelationType.partOf, kind: "system")
        system = link(systemRef)
        let domainRef = first(RelationType.partOf, kind: "domain")
            ?? systemRef.flatMap { related[$0] }.flatMap { $0.relations.first { $0.type == RelationType.partOf && $0.target.kind == "domain" }?.target }
        domain = link(domainRef)
        tags = (entity.metadata["tags"]?.arrayValue ?? []).compactMap(\.scalarText)
        links = ExternalLink.links(of: entity)
        isOrphan = stored.isOrphan
        let annotations = entity.annotations
        let source = annotations[Annotation.sourceLocation]?.stringValue
        viewSourceURL = HTMLText.safeLink(annotations[Annotation.viewURL]?.stringValue)
            ?? HTMLText.safeLink(source.map { $0.hasPrefix("url:") ? String($0.dropFirst(4)) : $0 })
        editURL = HTMLText.safeLink(annotations[Annotation.editURL]?.stringValue)
        sourceLocation = annotations[Annotation.managedByLocation]?.stringValue
        self.problems = problems.map { Problem(location: "\($0.file):\($0.line)", field: $0.field, message: $0.message) }
        var groups: [String: [EntityLink]] = [:]
        for relation in relations { groups[relation.type, default: []].append(link(relation.target)!) }
        relationGroups = groups.keys.sorted().map { RelationGroup(title: RelationLabels.title($0), entities: groups[$0]!) }
        graphSVG = RelationGraph.svg(center: stored.ref, centerTitle: title, relations: relations)
        if stored.ref.kind == "api", let definition = entity.spec["definition"]?.stringValue {
            api = APIDefinition(type: type ?? "", text: definition)
        } else {
            api = nil
        }
        descriptor = DescriptorYAML.text(stored.body)
        team = stored.ref.kind == "group" ? TeamView(entity: entity, relations: relations, related: related, activity: activity) : nil
        person = stored.ref.kind == "user" ? PersonView(entity: entity, relations: relations, related: related) : nil
    }

    /// The built-in tabs plus those other modules add; `selected` falls back to the overview.
    mutating func selectTab(_ selected: String?, extra: [(id: String, title: String)]) {
        var all: [(String, String)] = [("overview", "Overview"), ("relations", "Relations")]
        if api != nil { all.append(("api", "API")) }
        all.append(("descriptor", "Descriptor"))
        all += extra.map { ($0.id, $0.title) }
        tab = all.contains { $0.0 == selected } ? selected! : "overview"
        showOverview = tab == "overview"
        showRelations = tab == "relations"
        showAPI = tab == "api"
        showDescriptor = tab == "descriptor"
        let base = EntityLinks.path(entityRef)
        tabs = all.map { Tab(id: $0.0, title: $0.1, url: $0.0 == "overview" ? base : base + "?tab=" + $0.0, current: $0.0 == tab) }
    }
}
