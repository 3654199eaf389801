import StanceCore

/// Collects the diagnostics of one load. Readers keep going after an error, so one run of
/// `stance check` reports every problem of a set, not just the first.
struct DiagnosticLog {
    private(set) var items: [Diagnostic] = []

    var hasErrors: Bool { items.contains { $0.severity == .error } }

    mutating func error(_ code: Diagnostic.Code, _ message: String, at location: SourceLocation) {
        items.append(Diagnostic(.error, code, message, at: location))
    }

    mutating func warning(_ code: Diagnostic.Code, _ message: String, at location: SourceLocation) {
        items.append(Diagnostic(.warning, code, message, at: location))
    }

    mutating func append(contentsOf diagnostics: [Diagnostic]) {
        items.append(contentsOf: diagnostics)
    }

    /// By file, line and column; diagnostics at the same place keep the order they were found in.
    var sorted: [Diagnostic] {
        items.enumerated().sorted { a, b in
            let (x, y) = (a.element.location, b.element.location)
            if LexiconPath.precedes(x, y) { return true }
            if LexiconPath.precedes(y, x) { return false }
            return a.offset < b.offset
        }.map(\.element)
    }
}

/// Relative paths of lexicon files, ordered the same on every platform.
enum LexiconPath {
    /// Byte order of the UTF-8 path: independent of locale and of Unicode collation, because the
    /// lexicon hash depends on this order.
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// By file, then line, then column.
    static func precedes(_ a: SourceLocation, _ b: SourceLocation) -> Bool {
        if a.file != b.file { return precedes(a.file, b.file) }
        return (a.line, a.column) < (b.line, b.column)
    }
}
