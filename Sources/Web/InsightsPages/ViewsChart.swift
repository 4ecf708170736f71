import Foundation
import Insights

/// An entity's page views per week as small SVG bars, with a title per bar.
enum ViewsChart {
    static let width = 360.0
    static let height = 90.0

    static func svg(_ weeks: [TopItem]) -> String {
        let peak = max(1, weeks.map(\.events).max() ?? 0)
        let slot = width / Double(max(weeks.count, 1))
        var bars = ""
        for (index, week) in weeks.enumerated() {
            let barHeight = (height - 14) * Double(week.events) / Double(peak)
            let title = HTMLText.escape("week of \(week.key): \(week.events) views by \(week.users) people")
            bars += #"<g><title>\#(title)</title><rect class="bar-new" x="\#(f(Double(index) * slot + 2))" y="\#(f(height - barHeight))" width="\#(f(max(1, slot - 4)))" height="\#(f(barHeight))"/></g>"#
        }
        let total = weeks.map(\.events).reduce(0, +)
        return #"<svg class="views-chart" viewBox="0 0 \#(f(width)) \#(f(height))" role="img" aria-labelledby="views-title" xmlns="http://www.w3.org/2000/svg">"#
            + #"<title id="views-title">\#(total) views over the last \#(weeks.count) weeks, most in one week \#(peak)</title>"# + bars + "</svg>"
    }

    private static func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
