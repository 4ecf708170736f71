import Catalog
import FoyerCore

/// A tab another module adds to entity pages (e.g. a scorecard), shown when it applies to the entity.
public protocol EntityTab: Sendable {
    /// Short id, used as `?tab=<id>`.
    var id: String { get }
    var title: String { get }
    func applies(to entity: Entity) -> Bool
    /// The tab's HTML for `viewer` (nil when not signed in), who administers Foyer when `admin`;
    /// the module escapes what it writes.
    func render(entity: StoredEntity, viewer: EntityRef?, admin: Bool) async throws -> String
}

/// A card another module adds to the home page (what to unlock next, onboarding, announcements).
public protocol HomeCard: Sendable {
    var title: String { get }
    /// The card's HTML for the viewer (nil when not signed in); nil hides the card.
    func render(viewer: EntityRef?) async throws -> String?
}

/// Everything other modules add to the portal's pages.
public struct PageContributions: Sendable {
    public var entityTabs: [any EntityTab]
    public var homeCards: [any HomeCard]

    public init(entityTabs: [any EntityTab] = [], homeCards: [any HomeCard] = []) {
        self.entityTabs = entityTabs
        self.homeCards = homeCards
    }
}
