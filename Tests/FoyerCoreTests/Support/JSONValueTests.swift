import Foundation
import FoyerCore
import Testing

@Suite struct JSONValueTests {
    @Test func parsesEveryJSONTypeWithEscapesAndUnicode() {
        let text = #"{"a":[1,-2.5,3e2,true,false,null],"s":"q\"\\\/\n\t\u00e9\ud83d\ude00","o":{"x":{}},"e":[]}"#
        let value = JSONValue.parse(jsonText: text)
        #expect(value?["a"] == .array([.number(1), .number(-2.5), .number(300), .bool(true), .bool(false), .null]))
        #expect(value?["s"] == .string("q\"\\/\n\té😀"))
        #expect(value?["o"] == .object(["x": .object([:])]))
        #expect(value?["e"] == .array([]))
    }

    @Test func malformedTextIsNil() {
        for text in ["", "{", #"{"a":}"#, "[1,]", "tru", #""unterminated"#, "{} extra", #"{"a":"\x"}"#, "\"\u{01}\""] {
            #expect(JSONValue.parse(jsonText: text) == nil, "\(text)")
        }
    }

    @Test func textRoundTripsThroughStableSortedJSON() {
        let value = JSONValue.object(["b": .array([.string("x"), .number(2)]), "a": .null, "c": .string("ü \"quoted\"")])
        let text = value.jsonText()
        #expect(text == #"{"a":null,"b":["x",2],"c":"ü \"quoted\""}"#)
        #expect(JSONValue.parse(jsonText: text) == value)
    }

    @Test func dottedPathsFindKeysThatContainDots() {
        let value = JSONValue.parse(jsonText: #"{"metadata":{"annotations":{"backstage.io/techdocs-ref":"dir:."}}}"#)
        #expect(value?.value(at: ["metadata", "annotations", "backstage", "io/techdocs-ref"]) == .string("dir:."))
    }
}

@Suite struct JSONWriterTests {
    @Test func controlCharactersAreEscapedAndNumbersKeepTheirValue() {
        let value = JSONValue.array([.string("a\u{01}b\u{08}\u{0C}\r"), .number(1.5), .number(-3), .number(1e20), .bool(false)])
        let text = value.jsonText()
        #expect(text == #"["a\u0001b\b\f\r",1.5,-3,1e+20,false]"#)
        #expect(JSONValue.parse(jsonText: text) == value)
    }

    @Test func escapesAtEitherEndAndBetweenMultiByteTextKeepEveryCharacter() {
        let texts = ["\"quoted\"", "é\"ü\\🚀\n", "\u{1F}x\u{7F}", "{\"pluginId\":\"catalog\"}", "tail\\", "ünïcödé ✓ no escapes"]
        for text in texts {
            let written = JSONValue.string(text).jsonText()
            #expect(JSONValue.parse(jsonText: written) == .string(text), "\(text)")
        }
        #expect(JSONValue.string("é\"\u{1F}").jsonText() == #""é\"\u001f""#)
    }
}
