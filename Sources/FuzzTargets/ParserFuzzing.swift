import Catalog
import EntityRules
import FoyerCore

/// The parsers that read text from outside, driven by arbitrary bytes: the first byte picks the
/// parser, the rest is its input. Any input must end in a result or a clear problem, never a
/// crash, a hang or unbounded memory; the fuzzer and the corpus replay both call `run`.
public enum ParserFuzzing {
    /// The largest input run; `scripts/fuzz` lets libFuzzer grow inputs to 64 KiB, and the corpus
    /// replay may hand over more.
    public static let maxInput = 1 << 20

    public static func run(_ bytes: [UInt8]) {
        guard let selector = bytes.first, bytes.count <= maxInput else { return }
        let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
        switch selector % 5 {
        case 0:
            _ = DescriptorReader().read(text, file: "fuzz.yaml")
        case 1:
            _ = RuleParser.parse(JSONValue.parse(jsonText: text) ?? .string(text), field: "rule")
        case 2:
            _ = try? EntityFilter.parse(text.split(separator: "&").map(String.init))
        case 3:
            _ = Scope.parse(.string(text), field: "appliesTo")
        default:
            _ = JSONValue.parse(jsonText: text)
        }
    }
}
