extension String {
    /// `lowercased()`, but the string itself (no copy) when it is ASCII without capitals, as most
    /// keys are: for code that lowercases every key of every entity.
    public func lowercasedIfNeeded() -> String {
        utf8.allSatisfy { $0 < 0x80 && !ASCII.isUpper($0) } ? self : lowercased()
    }
}
