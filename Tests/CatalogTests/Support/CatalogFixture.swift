import Catalog
import Foundation
import FoyerCore
import FoyerTestSupport
import Logging

enum Descriptors {
    static func component(_ name: String, owner: String = "team-a", type: String = "service", extra: String = "") -> String {
        """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: \(name)
        \(extra)
        spec:
          type: \(type)
          lifecycle: production
          owner: \(owner)
        """
    }

    static func group(_ name: String) -> String {
        "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: \(name)\nspec:\n  type: team\n  children: []\n"
    }
}

/// The catalog's migrations split at one under test: a database is migrated up to it, given rows
/// in the old shape, then migrated through it (and no further, so later ones leave its result be).
struct MigrationsAround {
    let all = CoreModule().migrations + CatalogModule().migrations
    let tested: String

    /// The migrations that run before `tested`.
    var before: [Migration] { Array(all.prefix { $0.name != tested }) }

    /// `before` and `tested` itself.
    var through: [Migration] { before + all.filter { $0.name == tested } }
}
