import Foundation

/// The foreign lexicon formats `stance lexicon import` reads.
public enum ImportFormat: String, CaseIterable, Sendable {
    /// VADER's `vader_lexicon.txt`: `token<TAB>mean<TAB>sd<TAB>[ratings]`, mean in -4...+4.
    case vader
    /// LIWC `.dic`: a `%`-delimited block of `number<TAB>category`, then `word<TAB>numbers`.
    case liwc
    /// A quanteda dictionary in YAML: nested keys, lists of glob patterns.
    case quantedaYAML = "quanteda-yaml"
    /// Lexicoder `.lc3` (`+CATEGORY` lines, then entries) or the WordStat `.cat` export of the same
    /// dictionaries (indented entries with a `(1)` weight).
    case lexicoder
    /// MPQA subjectivity clues (`.tff`): `type=strongsubj len=1 word1=... priorpolarity=...`.
    case mpqa

    /// Formats whose entries carry their own polarity; the others give categories.
    public var givesPolarity: Bool { self == .vader || self == .mpqa }
}

/// One entry as the foreign file gives it, before our term rules are applied.
public struct ForeignEntry: Sendable, Equatable {
    /// The pattern as written: a word or phrase; a trailing `*` is a prefix wildcard unless
    /// `literalStar` (VADER, where `*` is part of an emoticon).
    public var term: String
    /// The category path (`positive`, `sentiment.positive`) for category dictionaries.
    public var category: String?
    /// Our polarity in [-1, 1], for formats that carry one.
    public var polarity: Double?
    public var line: Int
    public var column: Int = 1
    public var literalStar = false
}

/// What a format reader found: entries, the lines it could not read, and where each category is
/// defined (for the per-category notes).
public struct ForeignLexicon: Sendable {
    public var entries: [ForeignEntry] = []
    public var notes: [ImportNote] = []
    /// Category path -> the line that defines it, in the order first seen.
    public var categories: [(name: String, line: Int)] = []

    mutating func define(_ category: String, line: Int) {
        if !categories.contains(where: { $0.name == category }) { categories.append((category, line)) }
    }
}

/// A line or entry `stance lexicon import` did not convert, or converted with a caveat, printed as
/// the contract's diagnostics: `file:line:col: warning: [CODE] message`.
public struct ImportNote: Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, CaseIterable {
        /// A line that does not follow the format.
        case unparsable = "I001"
        /// A term our lists cannot hold or our tokenizer never produces (punctuation, emoticons,
        /// a wildcard inside a word).
        case unusableTerm = "I002"
        /// A category that is not imported into the chosen list.
        case category = "I003"
        /// The same term as an earlier line after folding case and diacritics: the first one kept.
        case duplicate = "I004"
        /// The same term with opposite polarities: neither kept.
        case conflictingPolarity = "I005"
        /// An entry without a usable polarity (neutral, "both", zero).
        case noPolarity = "I006"
        /// A term the target list or another stance list already holds.
        case alreadyPresent = "I007"
    }

    public let file: String
    public let line: Int
    public let column: Int
    public let code: Code
    public let message: String

    public init(file: String, line: Int, column: Int = 1, _ code: Code, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.code = code
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): warning: [\(code.rawValue)] \(message)" }
}

/// Why an import could not be done at all.
public enum ImportError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Missing, unreadable, not UTF-8 or binary.
    case unreadable(path: String, reason: String)
    /// Readable text, but not the format asked for.
    case unrecognised(path: String, line: Int, reason: String)
    /// Read, but not one entry could be converted.
    case nothingConvertible(path: String, format: ImportFormat)
    /// The existing target file cannot take the imported entries.
    case incompatibleTarget(path: String, reason: String)
    /// Options that do not fit together (exit 64).
    case usage(String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): \(reason)"
        case .unrecognised(let path, let line, let reason): "\(path):\(line):1: error: \(reason)"
        case .nothingConvertible(let path, let format):
            "\(path): nothing could be converted: is it really a \(format.rawValue) file? (see the warnings above)"
        case .incompatibleTarget(let path, let reason): "\(path): \(reason)"
        case .usage(let message): message
        }
    }

    public var isUsage: Bool { if case .usage = self { true } else { false } }
}

/// Lines of a text as they are numbered in an editor: split on LF, a CR before it dropped, a
/// leading byte-order mark removed.
enum TextLines {
    /// Split on scalars: in a `String`, "\r\n" is one `Character` and would never equal "\n".
    static func split(_ text: String) -> [Substring] {
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        return scalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            Substring(line.last == "\r" ? line.dropLast() : line)
        }
    }

    static func isBlank<S: StringProtocol>(_ line: S) -> Bool { line.allSatisfy(\.isWhitespace) }

    static func trimmed<S: StringProtocol>(_ line: S) -> String { line.trimmingCharacters(in: .whitespaces) }

    /// 1-based column of the first non-blank character.
    static func firstColumn<S: StringProtocol>(_ line: S) -> Int { (line.firstIndex { !$0.isWhitespace }.map { line.distance(from: line.startIndex, to: $0) } ?? 0) + 1 }
}
