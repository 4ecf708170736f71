import Foundation
import FuzzTargets
import Testing

/// The fuzz target's seed corpus, and inputs the fuzzer is built to find, run through every
/// parser in the ordinary test build: each ends without a crash (a crash would stop the suite).
@Suite struct ParserFuzzingTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fuzz/corpus").standardized

    @Test func theSeedCorpusCoversEveryParserAndRunsCleanly() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path)
        let inputs = try files.map { try Data(contentsOf: Self.corpus.appendingPathComponent($0)) }
        #expect(Set(inputs.compactMap { $0.first.map { Int($0) % 5 } }) == [0, 1, 2, 3, 4], "a seed for each parser")
        for input in inputs { ParserFuzzing.run(Array(input)) }
    }

    @Test func hostileInputsEndWithoutACrashInEveryParser() {
        let hostile: [String] = [
            String(repeating: "[", count: 100_000), String(repeating: "{\"a\":", count: 50_000), "a: &a [*a]", "- *x",
            "\u{FEFF}\u{0}\u{FFFF}", String(repeating: "a: b\n", count: 20_000), "kind=,=,,=&&", "{\"all\":" + String(repeating: "[", count: 5_000),
            "--- !!binary |\n  ////", "%YAML 9.9\n---\n", "\"\\u12", "1e999999", "{\"not\":{\"not\":{\"not\":null}}}",
        ]
        for text in hostile {
            for selector in UInt8(0)..<5 { ParserFuzzing.run([selector] + Array(text.utf8)) }
        }
        ParserFuzzing.run([])
        ParserFuzzing.run([0] + Array(repeating: 0xFF, count: 1000))
    }
}
