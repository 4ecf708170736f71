import FoyerCore
import Insights
import Testing

@Suite struct EventValidatorTests {
    let now = Day(iso: "2026-06-01")!.epochMillis
    var token: EventValidator { EventValidator(sender: .token, now: now) }

    func event(_ json: String, _ validator: EventValidator? = nil) -> Result<UsageEvent, EventRejection> {
        (validator ?? token).validate(JSONValue.parse(jsonText: json)!)
    }

    func rejection(_ json: String) -> String? {
        if case .failure(let rejection) = event(json) { return rejection.message }
        return nil
    }

    @Test func aCompleteEventIsReadWithItsUserNormalised() throws {
        let result = event(#"{"id":"e1","action":"navigate","subject":"/catalog","value":3,"attributes":{"a":"x","b":2,"c":true},"context":{"pluginId":"catalog"},"timestamp":"2026-05-31T23:59:59.5+02:00","user":"Jane","unknown":1}"#)
        let value = try result.get()
        #expect(value.user == "user:default/jane")
        #expect(value.timestamp == Day(iso: "2026-05-31")!.epochMillis + (21 * 3600 + 59 * 60 + 59) * 1000 + 500)
        #expect(value.context == ["pluginId": "catalog"])
        #expect(value.value == 3)
        #expect(value.id == "e1")
    }

    @Test func eachBrokenFieldIsNamed() {
        let base = #""action":"click","subject":"x","timestamp":"2026-05-01T00:00:00Z","user":"user:default/a""#
        #expect(rejection("[]")?.contains("JSON object") == true)
        #expect(rejection(#"{"subject":"x","timestamp":"2026-05-01T00:00:00Z","user":"a"}"#)?.hasPrefix("action") == true)
        #expect(rejection(#"{"action":"","subject":"x","timestamp":"2026-05-01T00:00:00Z","user":"a"}"#)?.hasPrefix("action") == true)
        #expect(rejection(#"{"action":"click","timestamp":"2026-05-01T00:00:00Z","user":"a"}"#)?.hasPrefix("subject") == true)
        #expect(rejection(#"{"action":"click","subject":"\#(String(repeating: "s", count: 2049))","timestamp":"2026-05-01T00:00:00Z","user":"a"}"#)?.hasPrefix("subject") == true)
        #expect(rejection(#"{\#(base),"value":"3"}"#)?.hasPrefix("value") == true)
        #expect(rejection(#"{\#(base),"context":{"entityRef":5}}"#)?.hasPrefix("context.entityRef") == true)
        #expect(rejection(#"{\#(base),"attributes":{"x":{"y":1}}}"#)?.hasPrefix("attributes.x") == true)
        #expect(rejection(#"{\#(base),"id":"\#(String(repeating: "i", count: 129))"}"#)?.hasPrefix("id") == true)
        #expect(rejection(#"{"action":"click","subject":"a\u0000b","timestamp":"2026-05-01T00:00:00Z","user":"a"}"#) == "subject must not contain the NUL character")
        #expect(rejection(#"{"action":"click","subject":"x","timestamp":"2026-05-01T00:00:00Z"}"#)?.hasPrefix("user is required") == true)
        #expect(rejection(#"{"action":"click","subject":"x","timestamp":"2026-05-01T00:00:00Z","user":"group:default/a"}"#)?.hasPrefix("user must") == true)
        #expect(rejection(#"{"action":"click","subject":"x","user":"a"}"#)?.hasPrefix("timestamp is required") == true)
        #expect(rejection(#"{"action":"click","subject":"x","user":"a","timestamp":"yesterday"}"#)?.hasPrefix("timestamp must") == true)
        #expect(rejection(#"{"action":"click","subject":"x","user":"a","timestamp":"1999-12-31T23:59:59Z"}"#)?.contains("before 2000") == true)
        #expect(rejection(#"{"action":"click","subject":"x","user":"a","timestamp":"2026-06-03T00:00:00Z"}"#)?.contains("future") == true)
        let keys = (0...32).map { #""k\#($0)":"v""# }.joined(separator: ",")
        #expect(rejection(#"{\#(base),"context":{\#(keys)}}"#)?.contains("at most 32 keys") == true)
    }

    @Test func lengthsCountUnicodeCodePointsNotWhatReadsAsOneCharacter() {
        let base = #""action":"click","timestamp":"2026-05-01T00:00:00Z","user":"a""#
        // 1,024 × (e + combining acute) + x: 1,025 visible characters, 2,049 code points.
        let combining = String(repeating: "e\u{301}", count: 1024) + "x"
        #expect(rejection(#"{\#(base),"subject":"\#(combining)"}"#)?.hasPrefix("subject") == true)
        let lineBreaks = String(repeating: #"\r\n"#, count: 1025)  // JSON escapes: 1,025 CR LF pairs, 2,050 code points
        #expect(rejection(#"{\#(base),"subject":"\#(lineBreaks)"}"#)?.hasPrefix("subject") == true)
        #expect(rejection(#"{\#(base),"subject":"\#(String(repeating: "😀", count: 2048))"}"#) == nil)
    }

    @Test func aSignedInPersonsEventsAreTheirsAndHappenNow() throws {
        let person = EventValidator(sender: .person(user: "user:default/jane"), now: now)
        let value = try event(#"{"action":"search","subject":"payments","value":0}"#, person).get()
        #expect(value.user == "user:default/jane" && value.timestamp == now)
        #expect(throws: EventRejection.self) { try event(#"{"action":"search","subject":"x","user":"user:default/bob"}"#, person).get() }
    }

    @Test(arguments: [
        ("2026-01-05T00:00:00Z", 0), ("2026-01-05t00:00:00z", 0), ("2026-01-05T00:00:00.1Z", 100), ("2026-01-05T00:00:00.123456Z", 123),
        ("2026-01-05T01:00:00+01:00", 0), ("2026-01-04T23:30:00-00:30", 0),
    ])
    func rfc3339VariantsGiveTheSameInstant(text: String, extra: Int64) throws {
        let value = try event(#"{"action":"a","subject":"s","user":"u","timestamp":"\#(text)"}"#).get()
        #expect(value.timestamp == Day(iso: "2026-01-05")!.epochMillis + extra)
    }
}
