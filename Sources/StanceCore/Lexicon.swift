/// Where a lexicon entry or a diagnostic comes from: a file relative to the lexicon folder,
/// and a 1-based line and column. Evidence cites entries by this location.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line`, the form evidence items use.
    public var fileLine: String { "\(file):\(line)" }
    public var description: String { "\(file):\(line):\(column)" }
}

/// One term of a word list or topic: a word or multiword phrase, folded for matching
/// (case and diacritics removed), with an optional trailing `*` that makes its last word a prefix.
///
/// A value type over one immutable shared box: entries travel through every match and evidence
/// item, and a copy then costs one reference count instead of one per field.
public struct LexiconEntry: Hashable, Sendable {
    private final class Storage: Sendable {
        let term: String
        let words: [String]
        let isWildcard: Bool
        let fields: [String: String]
        let location: SourceLocation

        init(term: String, words: [String], isWildcard: Bool, fields: [String: String], location: SourceLocation) {
            self.term = term
            self.words = words
            self.isWildcard = isWildcard
            self.fields = fields
            self.location = location
        }
    }

    private let storage: Storage

    /// The term as the user wrote it.
    public var term: String { storage.term }
    /// Folded words; when `isWildcard`, the last one is a prefix.
    public var words: [String] { storage.words }
    public var isWildcard: Bool { storage.isWildcard }
    /// The other columns of the line, by header name (TSV), or the entry's keys (YAML).
    public var fields: [String: String] { storage.fields }
    public var location: SourceLocation { storage.location }

    public init(term: String, words: [String], isWildcard: Bool, fields: [String: String] = [:],
                location: SourceLocation) {
        storage = Storage(term: term, words: words, isWildcard: isWildcard, fields: fields, location: location)
    }

    public static func == (a: LexiconEntry, b: LexiconEntry) -> Bool {
        a.storage === b.storage || (a.term == b.term && a.words == b.words && a.isWildcard == b.isWildcard
            && a.fields == b.fields && a.location == b.location)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(term)
        hasher.combine(words)
        hasher.combine(isWildcard)
        hasher.combine(fields)
        hasher.combine(location)
    }

    /// A column read as a number, nil when absent or empty.
    public func number(_ column: String) -> Double? {
        guard let raw = fields[column], !raw.isEmpty else { return nil }
        return Double(raw)
    }

    public func field(_ column: String) -> String? {
        guard let raw = fields[column], !raw.isEmpty else { return nil }
        return raw
    }

    /// True when `word` (already folded) matches word `index` of this entry.
    public func matches(word: String, at index: Int) -> Bool {
        if isWildcard && index == words.count - 1 { return word.hasPrefix(words[index]) }
        return word == words[index]
    }
}

/// A TSV word list: one entry per line under a header row naming the columns.
public struct WordList: Sendable {
    /// The file path relative to the lexicon folder without extension, e.g. `stance/negators`.
    public let name: String
    /// The file path relative to the lexicon folder, e.g. `stance/negators.tsv`.
    public let file: String
    public let columns: [String]
    public let entries: [LexiconEntry]

    public init(name: String, file: String, columns: [String], entries: [LexiconEntry]) {
        self.name = name
        self.file = file
        self.columns = columns
        self.entries = entries
    }

    public static func empty(_ name: String) -> WordList {
        WordList(name: name, file: name + ".tsv", columns: ["term"], entries: [])
    }
}

/// A topic: a question people take sides on, and the words that place a statement in it.
/// FAVOR and AGAINST are relative to `target`.
public struct Topic: Sendable {
    public enum Kind: String, Sendable {
        /// The target is a proposition about a holder ("Russia wants peace"): predicates of the
        /// holder toward the objects decide.
        case proposition
        /// The target is an entity (person, country, organisation): evaluative words about it decide.
        case entity
    }

    public let id: String
    public let label: String
    public let target: String
    public let kind: Kind
    /// Whose attitude or role the target is about (e.g. Russia, Moscow, the Kremlin).
    public let holder: [LexiconEntry]
    /// What the holder may want or oppose; wanting these is FAVOR.
    public let objects: [LexiconEntry]
    /// Objects whose pursuit counts against the target (e.g. war, for a peace topic).
    public let opposites: [LexiconEntry]
    /// Further words that place a statement in the topic.
    public let terms: [LexiconEntry]
    /// Actor groups named in the topic, e.g. "the West" = the US, the EU, NATO.
    public let actors: [String: [LexiconEntry]]
    /// Target-specific cues, each with a `polarity` in [-1, 1].
    public let cues: [LexiconEntry]
    /// The topic's file relative to the lexicon folder.
    public let file: String

    public init(id: String, label: String, target: String, kind: Kind, holder: [LexiconEntry],
                objects: [LexiconEntry], opposites: [LexiconEntry], terms: [LexiconEntry],
                actors: [String: [LexiconEntry]], cues: [LexiconEntry], file: String) {
        self.id = id
        self.label = label
        self.target = target
        self.kind = kind
        self.holder = holder
        self.objects = objects
        self.opposites = opposites
        self.terms = terms
        self.actors = actors
        self.cues = cues
        self.file = file
    }
}

/// A person or organisation the user has described: the registry overrides automatic resolution.
public struct RegisteredSpeaker: Sendable {
    public let canonical: String
    public let aliases: [String]
    public let roles: [String]
    public let affiliation: String?
    public let location: SourceLocation

    public init(canonical: String, aliases: [String], roles: [String], affiliation: String?,
                location: SourceLocation) {
        self.canonical = canonical
        self.aliases = aliases
        self.roles = roles
        self.affiliation = affiliation
        self.location = location
    }
}

/// Numeric settings (windows, weights, thresholds), each with where it was set.
public struct Settings: Sendable {
    public var values: [String: Double]
    public var locations: [String: SourceLocation]

    public init(values: [String: Double] = [:], locations: [String: SourceLocation] = [:]) {
        self.values = values
        self.locations = locations
    }

    public func value(_ key: String, default fallback: Double) -> Double { values[key] ?? fallback }
}

/// The whole validated lexicon set an analysis runs with. Immutable once loaded.
public struct Lexicon: Sendable {
    public let lists: [String: WordList]
    public let topics: [Topic]
    public let speakers: [RegisteredSpeaker]
    public let settings: Settings
    /// Content hash of the set (output contract: `lexicon_hash`).
    public let hash: String

    public init(lists: [String: WordList], topics: [Topic], speakers: [RegisteredSpeaker],
                settings: Settings, hash: String) {
        self.lists = lists
        self.topics = topics
        self.speakers = speakers
        self.settings = settings
        self.hash = hash
    }

    /// The list named `name` (e.g. `attribution/reporting_verbs`), empty when the set has none.
    public func list(_ name: String) -> WordList { lists[name] ?? .empty(name) }
}
