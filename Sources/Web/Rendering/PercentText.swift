/// Percentages as pages print them.
enum PercentText {
    /// `41.7 %`, `50 %`, or a dash when nothing applies.
    static func text(_ percent: Double?) -> String {
        guard let percent else { return "–" }
        return percent == percent.rounded() ? "\(Int(percent)) %" : "\(percent) %"
    }
}
