import Foundation
import Mustache

/// The page templates shipped with Foyer, loaded once at start.
struct TemplateLibrary: Sendable {
    let library: MustacheLibrary

    /// Loads every `.mustache` file under the bundled `Templates` folder, named by its path without the extension.
    static func bundled() throws -> TemplateLibrary {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw TemplateError("the page templates are missing from this build")
        }
        var library = MustacheLibrary()
        let root = folder.standardizedFileURL.path
        guard let files = FileManager.default.enumerator(atPath: root) else { throw TemplateError("cannot list \(root)") }
        for case let relative as String in files where relative.hasSuffix(".mustache") {
            let text = try String(contentsOfFile: (root as NSString).appendingPathComponent(relative), encoding: .utf8)
            do {
                try library.register(text, named: String(relative.dropLast(".mustache".count)))
            } catch {
                throw TemplateError("template \(relative) does not parse: \(error)")
            }
        }
        return TemplateLibrary(library: library)
    }

    /// Renders `name` with `object`; an unknown template is a programming error, reported by name.
    func render(_ object: Any, template name: String) -> String {
        guard let text = library.render(object, withTemplate: name) else {
            preconditionFailure("no page template named '\(name)' is bundled")
        }
        return text
    }
}

struct TemplateError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
