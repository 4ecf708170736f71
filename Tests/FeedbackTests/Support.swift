import Catalog
import EntityRules
import Feedback
import FoyerCore
import Testing

/// The survey in `yaml` (a whole descriptor), parsed as the catalog would.
func survey(_ yaml: String) -> Result<Survey, RuleProblems> {
    let (documents, problems) = DescriptorParser.parse(yaml, file: "survey.yaml")
    precondition(problems.isEmpty && documents.count == 1, "test YAML does not parse: \(problems)")
    return Survey.parse(Entity(document: documents[0].document))
}

/// A survey descriptor with `spec` (indented two spaces under `spec:`).
func surveyYAML(_ name: String = "portal-nps", spec: String) -> String {
    "apiVersion: foyer.dev/v1alpha1\nkind: Survey\nmetadata:\n  name: \(name)\n  title: Portal NPS\nspec:\n" + spec
}

/// A valid survey open through Q4 2026 with one question of each type.
func quarterly(_ name: String = "portal-nps", audience: String = "everyone", capDays: Int = 30,
               start: String = "2026-10-01", end: String = "2026-12-31") throws -> Survey {
    try survey(surveyYAML(name, spec: """
      audience: \(audience)
      window: {start: \(start), end: \(end)}
      frequencyCapDays: \(capDays)
      questions:
        - {id: recommend, type: nps, text: How likely are you to recommend Foyer?, required: true}
        - {id: ease, type: rating, text: How easy is it to find things?}
        - {id: area, type: choice, text: What do you use most?, options: [Catalog, Docs, Templates]}
        - {id: comment, type: text, text: Anything else?}

    """)).get()
}

/// Milliseconds at `hour`:00 UTC of an ISO day.
func at(_ day: String, hour: Int = 12) -> Int64 {
    Day(iso: day)!.epochMillis + Int64(hour) * 3_600_000
}
