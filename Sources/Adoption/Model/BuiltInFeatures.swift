import Catalog
import EntityRules
import Foundation

/// Foyer's own feature set (`BuiltIn/features.yaml`), which the catalog may override by name.
public enum BuiltInFeatures {
    public static func load() throws -> [Feature] {
        let url = Bundle.module.url(forResource: "features", withExtension: "yaml", subdirectory: "BuiltIn")
        return try BundledDescriptors.entities(at: url, name: "features.yaml").map { item in
            try BundledDescriptors.require(Feature.parse(item.entity), name: "features.yaml", line: item.line)
        }
    }
}
