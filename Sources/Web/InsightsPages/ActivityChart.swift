import Foundation
import FoyerCore
import Insights

/// Active users per period as stacked bars (new under returning), drawn on the server as SVG with
/// a title per bar for screen readers and tooltips.
enum ActivityChart {
    static let width = 760.0
    static let height = 260.0
    static let margin = (left: 44.0, right: 12.0, top: 12.0, bottom: 40.0)

    static func svg(_ periods: [ActivePeriod], grouping: Grouping) -> String {
        let plotWidth = width - margin.left - margin.right, plotHeight = height - margin.top - margin.bottom
        let peak = max(1, periods.map(\.activeUsers).max() ?? 0)
        let scale = niceCeiling(peak)
        let slot = plotWidth / Double(max(periods.count, 1))
        let barWidth = max(1, slot * 0.72)
        var bars = "", labels = ""
        for (index, period) in periods.enumerated() {
            let x = margin.left + Double(index) * slot + (slot - barWidth) / 2
            let newHeight = plotHeight * Double(period.newUsers) / Double(scale)
            let returningHeight = plotHeight * Double(period.returningUsers) / Double(scale)
            let base = margin.top + plotHeight
            let title = HTMLText.escape("\(period.period): \(period.activeUsers) active, \(period.newUsers) new, \(period.returningUsers) returning")
            bars += #"<g><title>\#(title)</title>"#
            bars += #"<rect class="bar-new" x="\#(f(x))" y="\#(f(base - newHeight))" width="\#(f(barWidth))" height="\#(f(newHeight))"/>"#
            bars += #"<rect class="bar-returning" x="\#(f(x))" y="\#(f(base - newHeight - returningHeight))" width="\#(f(barWidth))" height="\#(f(returningHeight))"/></g>"#
            // Label about every eighth bar so the axis stays readable.
            if index % max(1, periods.count / 8) == 0 {
                labels += #"<text class="axis-label" x="\#(f(x + barWidth / 2))" y="\#(f(base + 16))">\#(label(period.period, grouping))</text>"#
            }
        }
        var grid = ""
        for step in 0...4 {
            let value = scale * step / 4
            let y = margin.top + plotHeight - plotHeight * Double(step) / 4
            grid += #"<line class="grid" x1="\#(f(margin.left))" x2="\#(f(width - margin.right))" y1="\#(f(y))" y2="\#(f(y))"/>"#
            grid += #"<text class="axis-value" x="\#(f(margin.left - 6))" y="\#(f(y + 4))">\#(value)</text>"#
        }
        let summary = periods.isEmpty ? "no periods" : "\(periods.count) periods, at most \(peak) active users"
        return #"<svg class="activity-chart" viewBox="0 0 \#(f(width)) \#(f(height))" role="img" aria-labelledby="activity-title" xmlns="http://www.w3.org/2000/svg">"#
            + #"<title id="activity-title">Active users by \#(grouping.rawValue): \#(summary); new users at the bottom of each bar</title>"#
            + grid + bars + labels + "</svg>"
    }

    /// A round number at or above `value` for the top of the axis.
    static func niceCeiling(_ value: Int) -> Int {
        guard value > 4 else { return 4 }
        let magnitude = Int(pow(10, floor(log10(Double(value)))))
        for step in [1, 2, 3, 4, 5, 6, 8, 10] where step * magnitude >= value { return step * magnitude }
        return 10 * magnitude
    }

    static func label(_ day: Day, _ grouping: Grouping) -> String {
        let text = day.description
        return grouping == .month ? String(text.prefix(7)) : String(text.dropFirst(5))
    }

    private static func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
