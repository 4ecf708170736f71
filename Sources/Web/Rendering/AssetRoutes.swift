import Foundation
import FoyerCore
import Hummingbird
import NIOCore

/// `GET /assets/{file}`: the portal's stylesheet and small script, read once at start.
struct AssetRoutes: Sendable {
    static let types = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml"]

    let files: [String: (type: String, bytes: ByteBuffer)]

    init() {
        var files: [String: (type: String, bytes: ByteBuffer)] = [:]
        if let folder = Bundle.module.url(forResource: "Assets", withExtension: nil),
           let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) {
            for name in names {
                guard let type = Self.types[(name as NSString).pathExtension],
                      let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
                files[name] = (type, ByteBuffer(data: data))
            }
        }
        self.files = files
    }

    func register(on router: Router<FoyerRequestContext>) {
        router.get("assets/:file") { _, context in
            let name = try context.parameters.require("file")
            guard let file = files[name] else { throw FoyerError.notFound("no asset '\(name)'") }
            return Response(status: .ok, headers: [.contentType: file.type, .cacheControl: "public, max-age=3600"], body: .init(byteBuffer: file.bytes))
        }
    }
}
