import Foundation
import FoyerCore

/// A campaign's burn-up as SVG: entities done per day against the straight line from nothing at the
/// start to everything at the deadline, with today marked; pages show the figures in a table too.
enum BurnUpChart {
    static let width = 760.0
    static let height = 240.0
    static let margin = (left: 44.0, right: 16.0, top: 12.0, bottom: 32.0)

    static func svg(points: [(day: Day, done: Int)], total: Int, start: Day, deadline: Day, today: Day) -> String {
        let end = max(deadline, today, points.last?.day ?? start)
        let span = Double(max(1, end.number - start.number))
        let plotWidth = width - margin.left - margin.right, plotHeight = height - margin.top - margin.bottom
        let top = Double(max(total, 1))
        func x(_ day: Day) -> Double { margin.left + plotWidth * Double(day.number - start.number) / span }
        func y(_ count: Int) -> Double { margin.top + plotHeight - plotHeight * Double(count) / top }
        var grid = ""
        for step in 0...4 {
            let value = Int((Double(total) * Double(step) / 4).rounded())
            grid += #"<line class="grid" x1="\#(f(margin.left))" x2="\#(f(width - margin.right))" y1="\#(f(y(value)))" y2="\#(f(y(value)))"/>"#
            grid += #"<text class="axis-value" x="\#(f(margin.left - 6))" y="\#(f(y(value) + 4))">\#(value)</text>"#
        }
        let ideal = #"<line class="ideal" x1="\#(f(x(start)))" y1="\#(f(y(0)))" x2="\#(f(x(deadline)))" y2="\#(f(y(total)))"><title>on schedule: all \#(total) by \#(deadline)</title></line>"#
        let line = points.map { "\(f(x($0.day))),\(f(y($0.done)))" }.joined(separator: " ")
        let marks = points.map { #"<circle class="point" cx="\#(f(x($0.day)))" cy="\#(f(y($0.done)))" r="2.5"><title>\#($0.day): \#($0.done) of \#(total) done</title></circle>"# }.joined()
        let markers = [(start, "start"), (deadline, "deadline"), (today, "today")].map { day, label in
            #"<line class="marker marker-\#(label)" x1="\#(f(x(day)))" x2="\#(f(x(day)))" y1="\#(f(margin.top))" y2="\#(f(margin.top + plotHeight))"/>"#
                + #"<text class="axis-label" x="\#(f(x(day)))" y="\#(f(height - 10))">\#(label) \#(day.description.dropFirst(5))</text>"#
        }.joined()
        let done = points.last?.done ?? 0
        return #"<svg class="burnup-chart" viewBox="0 0 \#(f(width)) \#(f(height))" role="img" xmlns="http://www.w3.org/2000/svg">"#
            + "<title>Burn-up: \(done) of \(total) done; deadline \(deadline)</title>" + grid + ideal
            + (points.count > 1 ? #"<polyline class="line" fill="none" points="\#(line)"/>"# : "") + marks + markers + "</svg>"
    }

    private static func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
