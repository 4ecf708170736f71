import Foundation
import Hummingbird
import NIOCore

/// JSON in and out of HTTP bodies with Foyer's conventions and error messages.
public enum JSONBody {
    /// Decodes `type`, turning every decoding failure into a 400 that says where it failed.
    public static func decode<T: Decodable>(_ type: T.Type, from buffer: ByteBuffer) throws(FoyerError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw .badRequest("malformed JSON body: \(describe(error))")
        } catch {
            throw .badRequest("malformed JSON body: \(error)")
        }
    }

    /// A JSON response with `status`; keys sorted so answers are stable.
    public static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    /// A JSON document answered as is, written by the fast `JSONValue` writer.
    public static func response(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        response(json: ByteBuffer(string: value.jsonText()), status: status)
    }

    /// JSON text already written (e.g. a cached answer).
    public static func response(json: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: json))
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let joined = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return joined.isEmpty ? "" : "field '\(joined)': "
        }
        switch error {
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return path(context) + (underlying ?? context.debugDescription)
        case .keyNotFound(let key, let context):
            return path(context) + "missing required field '\(key.stringValue)'"
        case .typeMismatch(let type, let context):
            return path(context) + "expected \(type)"
        case .valueNotFound(let type, let context):
            return path(context) + "expected \(type), found null"
        @unknown default:
            return "\(error)"
        }
    }
}
