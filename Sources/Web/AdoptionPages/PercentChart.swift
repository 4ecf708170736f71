import Foundation
import FoyerCore
import Insights

/// A percentage over days as an SVG line on a 0–100 axis, with a title per point for tooltips and
/// screen readers; pages show the same figures in a table next to it.
enum PercentChart {
    static let width = 760.0
    static let height = 220.0
    static let margin = (left: 40.0, right: 12.0, top: 12.0, bottom: 32.0)

    struct Point {
        let day: Day
        let percent: Double
    }

    static func svg(_ points: [Point], label: String) -> String {
        let plotWidth = width - margin.left - margin.right, plotHeight = height - margin.top - margin.bottom
        func x(_ index: Int) -> Double { margin.left + (points.count > 1 ? plotWidth * Double(index) / Double(points.count - 1) : plotWidth / 2) }
        func y(_ percent: Double) -> Double { margin.top + plotHeight - plotHeight * percent / 100 }
        var grid = ""
        for step in stride(from: 0, through: 100, by: 25) {
            let level = y(Double(step))
            grid += #"<line class="grid" x1="\#(f(margin.left))" x2="\#(f(width - margin.right))" y1="\#(f(level))" y2="\#(f(level))"/>"#
            grid += #"<text class="axis-value" x="\#(f(margin.left - 6))" y="\#(f(level + 4))">\#(step)%</text>"#
        }
        let line = points.enumerated().map { "\(f(x($0.offset))),\(f(y($0.element.percent)))" }.joined(separator: " ")
        var marks = "", labels = ""
        for (index, point) in points.enumerated() {
            marks += #"<circle class="point" cx="\#(f(x(index)))" cy="\#(f(y(point.percent)))" r="3"><title>\#(point.day): \#(point.percent)%</title></circle>"#
            if index % max(1, points.count / 6) == 0 || index == points.count - 1 {
                labels += #"<text class="axis-label" x="\#(f(x(index)))" y="\#(f(height - 10))">\#(point.day.description.dropFirst(5))</text>"#
            }
        }
        let summary = points.last.map { "\(points.count) days, now \($0.percent)%" } ?? "no history yet"
        return #"<svg class="percent-chart" viewBox="0 0 \#(f(width)) \#(f(height))" role="img" xmlns="http://www.w3.org/2000/svg">"#
            + "<title>\(HTMLText.escape(label)): \(summary)</title>" + grid
            + (points.count > 1 ? #"<polyline class="line" fill="none" points="\#(line)"/>"# : "") + marks + labels + "</svg>"
    }

    private static func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
