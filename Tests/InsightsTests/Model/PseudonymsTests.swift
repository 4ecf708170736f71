import Insights
import Testing

@Suite struct PseudonymsTests {
    @Test func aKeyGivesStableDistinctPseudonymsAndNoKeyKeepsTheIds() {
        let keyed = Pseudonyms(key: "a-secret-of-sixteen-plus")
        #expect(keyed.name(for: "user:default/jane") == keyed.name(for: "user:default/jane"))
        #expect(keyed.name(for: "user:default/jane") != keyed.name(for: "user:default/bob"))
        #expect(keyed.name(for: "user:default/jane").hasPrefix("user-") && !keyed.name(for: "user:default/jane").contains("jane"))
        #expect(Pseudonyms(key: "another-secret-sixteen").name(for: "user:default/jane") != keyed.name(for: "user:default/jane"))
        #expect(Pseudonyms(key: nil).name(for: "user:default/jane") == "user:default/jane")
    }
}
