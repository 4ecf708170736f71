import Foundation

/// Backstage's reference data beside the project (`../shared/reference/backstage`), read by tests only.
public enum ReferenceData {
    /// Absolute path of `../shared/reference/backstage`, found from this source file's location.
    public static let backstage: String = {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repository.deletingLastPathComponent().appendingPathComponent("shared/reference/backstage").standardizedFileURL.path
    }()

    public static func path(_ relative: String) -> String {
        (backstage as NSString).appendingPathComponent(relative)
    }

    public static func text(_ relative: String) throws -> String {
        try String(contentsOfFile: path(relative), encoding: .utf8)
    }
}
