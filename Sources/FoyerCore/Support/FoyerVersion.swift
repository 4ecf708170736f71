/// The version this binary reports in `foyer version`, the footer and `/api/version`.
public enum FoyerVersion {
    public static let current = "0.1.0"
}
