/// A problem found in user-edited data or input, with a stable code users can search for.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    /// Stable codes. Errors stop an analysis (exit 2); warnings are reported only.
    public enum Code: String, Sendable, CaseIterable {
        /// A line or document that cannot be parsed (wrong column count, YAML syntax, bad header).
        case unparsable = "L001"
        /// Two entries that are the same after folding case and diacritics.
        case duplicate = "L002"
        /// A `*` anywhere but at the end of the last word.
        case misplacedWildcard = "L003"
        /// A name that refers to nothing: an unknown list, key, actor or column.
        case unknownReference = "L004"
        /// A number outside its allowed range, or not a number.
        case valueOutOfRange = "L005"
        /// A required file or key is missing.
        case missing = "L006"
        /// The same term with opposite polarity in two lists.
        case conflictingPolarity = "W001"
        /// A multiword entry that contains another entry of the same list.
        case overlappingEntries = "W002"
        /// An entry that never matches on the given corpus.
        case unusedEntry = "W003"
    }

    public let severity: Severity
    public let code: Code
    public let message: String
    public let location: SourceLocation

    public init(_ severity: Severity, _ code: Code, _ message: String, at location: SourceLocation) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
    }

    /// `file:line:col: error|warning: [CODE] message` (output contract).
    public var description: String {
        "\(location): \(severity.rawValue): [\(code.rawValue)] \(message)"
    }
}
