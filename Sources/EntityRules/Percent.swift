/// Percentages as the specs give them: 100 × part ÷ whole, rounded half up to one decimal.
public enum Percent {
    /// nil when `whole` is 0 (nothing applies).
    public static func of(_ part: Int, _ whole: Int) -> Double? {
        guard whole > 0 else { return nil }
        // Integer arithmetic, so 6.25 rounds to 6.3 rather than to whatever the double nearest it does.
        let tenths = (2000 * part + whole) / (2 * whole)
        return Double(tenths) / 10
    }
}
