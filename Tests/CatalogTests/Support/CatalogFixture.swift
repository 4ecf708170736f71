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
