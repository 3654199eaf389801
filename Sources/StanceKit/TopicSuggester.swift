import Foundation
import StanceCore
import StanceAnalysis

/// Drafts topic files for a corpus the lexicons know nothing about (`stance topics suggest`).
///
/// It reads the statements the analysis found and counts the phrases in them: runs of one to
/// `maxPhraseWords` content words, a content word being a word that is not in the stopword list
/// (`suggest/stopwords.tsv`), not part of a speaker's name, not a number and not punctuation.
/// Plural forms count with their singular ("toll", "tolls"). For each phrase it records the distinct
/// statements and speakers using it; a phrase that mostly occurs inside a longer one ("bus" in
/// "bus lines") gives way to the longer one. Phrases are ranked by speakers, then statements: a
/// topic is something several people take sides on. The top phrases become draft topics with the
/// phrase and its variants as objects, the phrases most often found with it as terms, and example
/// statements as comments, in the schema `LexiconLoader` reads.
///
/// Only statement text is read: a topic places a statement by the statement's own words, so a phrase
/// found only in the words around a statement ("Varga defended the toll, saying ...") would promise
/// statements the draft cannot place.
///
/// Pure: the same analyses and stopwords give the same drafts, whatever the document order.
public struct TopicSuggester: Sendable {
    /// The word list the stopwords come from.
    public static let stopwordList = "suggest/stopwords"

    public struct Options: Sendable, Equatable {
        /// How many drafts at most (`--max`).
        public var maxTopics: Int
        /// A phrase needs this many distinct statements to become a draft (`--min-statements`).
        public var minStatements: Int
        /// The longest phrase, in words.
        public var maxPhraseWords: Int
        /// A phrase gives way to a longer one containing it when at least this share of its
        /// statements have the longer one.
        public var mergeShare: Double
        /// Terms per draft: up to `maxTerms` recurring phrases found in at least two of the topic's
        /// statements, filled up to `minTerms` with phrases or single words found in one.
        public var maxTerms: Int
        public var minTerms: Int
        /// Example statements per draft, in comments.
        public var maxExamples: Int

        public init(maxTopics: Int = 5, minStatements: Int = 2, maxPhraseWords: Int = 3, mergeShare: Double = 0.75,
                    maxTerms: Int = 8, minTerms: Int = 3, maxExamples: Int = 3) {
            self.maxTopics = maxTopics
            self.minStatements = minStatements
            self.maxPhraseWords = max(1, maxPhraseWords)
            self.mergeShare = mergeShare
            self.maxTerms = maxTerms
            self.minTerms = minTerms
            self.maxExamples = maxExamples
        }
    }

    /// Folded stopwords, and the prefixes of wildcard entries (`interview*`).
    public let stopwords: Set<String>
    public let stopwordPrefixes: [String]
    public let options: Options

    /// Stopwords as plain words; they are folded here.
    public init(stopwords: [String], options: Options = Options()) {
        self.stopwords = Set(stopwords.map(Folding.fold))
        stopwordPrefixes = []
        self.options = options
    }

    /// Stopwords from the lexicon's `suggest/stopwords` list; nil when the set has no such list.
    public init?(lexicon: Lexicon, options: Options = Options()) {
        guard let list = lexicon.lists[Self.stopwordList] else { return nil }
        let single = list.entries.filter { $0.words.count == 1 }
        stopwords = Set(single.filter { !$0.isWildcard }.map { $0.words[0] })
        stopwordPrefixes = single.filter(\.isWildcard).map { $0.words[0] }
        self.options = options
    }

    // MARK: - Results

    /// One statement as the suggester saw it.
    public struct Example: Sendable, Hashable {
        public let statementID: String
        /// The corpus-level (canonical) speaker name; empty when unattributed.
        public let speaker: String
        public let text: String
        public let documentID: String
        public let paragraph: Int
    }

    /// A phrase and where it occurs. Its identity is `key`: folded words with plurals made singular.
    public struct Phrase: Sendable, Hashable {
        public let key: [String]
        /// The most frequent form, lower case unless the words only ever appear capitalised.
        public let text: String
        /// Every distinct form (after folding), most frequent first; `text` is the first.
        public let variants: [String]
        /// Statement ids, in corpus order (document id, then position).
        public let statementIDs: [String]
        /// Distinct speakers of those statements, sorted.
        public let speakers: [String]
        /// Distinct documents of those statements, sorted.
        public let documents: [String]
    }

    /// One drafted topic.
    public struct Draft: Sendable {
        public let id: String
        public let label: String
        public let target: String
        public let phrase: Phrase
        public let objects: [String]
        public let terms: [String]
        public let examples: [Example]
        /// The topic file, ready to be written as `<id>.yaml`.
        public let yaml: String

        public var fileName: String { id + ".yaml" }
    }

    public struct Suggestions: Sendable {
        public let drafts: [Draft]
        /// Every phrase with at least `minStatements` statements after merging, best first.
        public let ranked: [Phrase]
        /// Ranked phrases left out because an existing topic already names them.
        public let covered: [Phrase]
        public let statementCount: Int
        public let documentCount: Int
    }

    // MARK: - Suggesting

    /// Drafts topics from the analyses' statements (see `suggest(documents:existingTopics:)`).
    public func suggest(_ analyses: [DocumentAnalysis], existingTopics: [Topic] = []) -> Suggestions {
        suggest(documents: analyses.map(\.result), existingTopics: existingTopics)
    }

    /// Drafts topics from the documents' statements. Ids never repeat those of `existingTopics`, and a
    /// phrase an existing topic already names (as holder, object, opposite or term) is not drafted.
    public func suggest(documents: [DocumentResult], existingTopics: [Topic] = []) -> Suggestions {
        let corpus = Corpus(documents, suggester: self)
        // Names of organisations (and role mentions) take part in merging, so that "port" inside
        // "the port authority" gives way to it, and then go: a speaker is not a topic.
        let surviving = merged(corpus.phrases).filter { !corpus.names.within($0.key) }
        let ranked = surviving.values
            .filter { $0.statements.count >= options.minStatements }
            .sorted(by: Self.ranksBefore)

        var selected: [Tally] = []
        var covered: [Tally] = []
        for tally in ranked where selected.count < options.maxTopics {
            if selected.contains(where: { Self.overlaps($0.key, tally.key) }) { continue }
            if tally.forms.keys.contains(where: { form in existingTopics.contains { Self.names($0, form) } }) {
                covered.append(tally)
                continue
            }
            selected.append(tally)
        }

        var usedIDs = Set(existingTopics.map(\.id))
        let drafts = selected.map { tally -> Draft in
            let id = Self.uniqueID(for: corpus.display(tally), taken: usedIDs)
            usedIDs.insert(id)
            return draft(tally, id: id, corpus: corpus, candidates: surviving)
        }
        return Suggestions(drafts: drafts, ranked: ranked.map { corpus.phrase($0) }, covered: covered.map { corpus.phrase($0) },
                           statementCount: corpus.statements.count, documentCount: documents.count)
    }

    /// Speakers first (a topic people take sides on), then statements, then the longer phrase.
    static func ranksBefore(_ a: Tally, _ b: Tally) -> Bool {
        if a.speakers.count != b.speakers.count { return a.speakers.count > b.speakers.count }
        if a.statements.count != b.statements.count { return a.statements.count > b.statements.count }
        if a.key.count != b.key.count { return a.key.count > b.key.count }
        return a.key.lexicographicallyPrecedes(b.key)
    }

    /// Drops every phrase that mostly occurs inside a longer one: "bus" when nearly every statement
    /// with "bus" says "bus lines". A longer phrase's statements are always among the shorter one's.
    func merged(_ phrases: [[String]: Tally]) -> [[String]: Tally] {
        var absorbed: Set<[String]> = []
        for (key, longer) in phrases where key.count > 1 {
            for length in 1..<key.count {
                for start in 0...(key.count - length) {
                    let part = Array(key[start..<(start + length)])
                    guard let shorter = phrases[part] else { continue }
                    if Double(longer.statements.count) >= options.mergeShare * Double(shorter.statements.count) {
                        absorbed.insert(part)
                    }
                }
            }
        }
        return phrases.filter { !absorbed.contains($0.key) }
    }

    private func draft(_ tally: Tally, id: String, corpus: Corpus, candidates: [[String]: Tally]) -> Draft {
        let phrase = corpus.phrase(tally)
        let display = corpus.display(tally)
        let label = display.prefix(1).uppercased() + display.dropFirst()
        let target = "TODO: what FAVOR means, e.g. The speaker supports \(display)"

        // Terms: recurring phrases (two statements or more) found most often in this topic's
        // statements, the more specific first.
        let together = candidates.values.compactMap { other -> (Tally, Int)? in
            guard other.statements.count >= 2, !Self.overlaps(other.key, tally.key) else { return nil }
            let shared = other.statements.intersection(tally.statements).count
            return shared > 0 ? (other, shared) : nil
        }.sorted { a, b in
            if a.1 != b.1 { return a.1 > b.1 }
            let specificA = Double(a.1) / Double(a.0.statements.count), specificB = Double(b.1) / Double(b.0.statements.count)
            if specificA != specificB { return specificA > specificB }
            return Self.ranksBefore(a.0, b.0)
        }
        // Too few in a small corpus: fill up with single words of the topic's statements, the more
        // frequent in the corpus first.
        let words = corpus.phrases.values
            .filter { $0.key.count == 1 && !Self.overlaps($0.key, tally.key) && !corpus.names.within($0.key) }
            .compactMap { other -> (Tally, Int)? in
                let shared = other.statements.intersection(tally.statements).count
                return shared > 0 ? (other, shared) : nil
            }.sorted { a, b in a.1 != b.1 ? a.1 > b.1 : Self.ranksBefore(a.0, b.0) }
        var terms: [Tally] = []
        for (other, shared) in together + words {
            if terms.count >= options.maxTerms || (shared < 2 && terms.count >= options.minTerms) { break }
            if terms.contains(where: { Self.overlaps($0.key, other.key) }) { continue }
            terms.append(other)
        }

        // Examples: the first statement of each speaker, those who use the phrase most first, then
        // the rest; shown in corpus order.
        let statements = tally.statements.sorted().map { corpus.statements[$0] }
        let bySpeaker = Dictionary(grouping: statements, by: \.speaker)
        let speakers = bySpeaker.keys.sorted { a, b in
            bySpeaker[a]!.count != bySpeaker[b]!.count ? bySpeaker[a]!.count > bySpeaker[b]!.count : a < b
        }
        var examples = Array(speakers.map { bySpeaker[$0]![0] }.prefix(options.maxExamples))
        for statement in statements where examples.count < options.maxExamples && !examples.contains(statement) {
            examples.append(statement)
        }
        examples.sort { corpus.order[$0.statementID]! < corpus.order[$1.statementID]! }

        let objects = phrase.variants
        let termTexts = terms.map { corpus.display($0) }
        let yaml = TopicDraftYAML.render(id: id, label: label, target: target, phrase: phrase, objects: objects,
                                         terms: termTexts, examples: examples)
        return Draft(id: id, label: label, target: target, phrase: phrase, objects: objects, terms: termTexts,
                     examples: examples, yaml: yaml)
    }

    // MARK: - Words

    /// True when `folded` may be part of a phrase: a word with at least two letters, not a stopword,
    /// not a clitic ("'s", "'ll").
    func isContent(_ folded: String) -> Bool {
        guard !folded.hasPrefix("'"), folded.unicodeScalars.filter({ $0.properties.isAlphabetic }).count >= 2 else {
            return false
        }
        if stopwords.contains(folded) { return false }
        return !stopwordPrefixes.contains { folded.hasPrefix($0) }
    }

    /// English plurals made singular, so "toll" and "tolls" are one phrase: "policies" -> "policy",
    /// "taxes" -> "tax", "lines" -> "line"; "bus", "crisis", "press" stay.
    static func stem(_ word: String) -> String {
        guard word.count > 3, word.hasSuffix("s") else { return word }
        if word.hasSuffix("ies") && word.count > 4 { return String(word.dropLast(3)) + "y" }
        for ending in ["sses", "shes", "ches", "xes", "zzes"] where word.hasSuffix(ending) { return String(word.dropLast(2)) }
        for ending in ["ss", "us", "is", "'s"] where word.hasSuffix(ending) { return word }
        return String(word.dropLast())
    }

    /// True when one key is a contiguous run of the other (or they are equal).
    static func overlaps(_ a: [String], _ b: [String]) -> Bool {
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        return (0...(long.count - short.count)).contains { Array(long[$0..<($0 + short.count)]) == short }
    }

    /// True when a topic already names the folded words `form` as holder, object, opposite or term.
    static func names(_ topic: Topic, _ form: [String]) -> Bool {
        (topic.holder + topic.objects + topic.opposites + topic.terms).contains { entry in
            entry.words.count == form.count && form.indices.allSatisfy { entry.matches(word: form[$0], at: $0) }
        }
    }

    /// A kebab-case id from the phrase (a-z, 0-9 and "-"), made unique with "-2", "-3", ...
    static func uniqueID(for phrase: String, taken: Set<String>) -> String {
        var id = ""
        for scalar in Folding.fold(phrase).unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                id.unicodeScalars.append(scalar)
            } else if !id.isEmpty && !id.hasSuffix("-") {
                id += "-"
            }
        }
        while id.hasSuffix("-") { id.removeLast() }
        if id.count > 48 { id = String(id.prefix(48)); while id.hasSuffix("-") { id.removeLast() } }
        if id.isEmpty { id = "topic" }
        var candidate = id
        var number = 2
        while taken.contains(candidate) {
            candidate = "\(id)-\(number)"
            number += 1
        }
        return candidate
    }
}

// MARK: - Counting

/// Where one phrase occurs: statements (indices into `Corpus.statements`), speakers and surface forms.
struct Tally: Sendable {
    let key: [String]
    var statements: Set<Int> = []
    var speakers: Set<String> = []
    /// Folded words of each form -> surface text -> count.
    var forms: [[String]: [String: Int]] = [:]
}

/// The statements of a corpus cut into content-word runs, and every phrase in them.
struct Corpus {
    var statements: [TopicSuggester.Example] = []
    var order: [String: Int] = [:]
    var phrases: [[String]: Tally] = [:]
    let names: SpeakerNames
    /// Folded words seen at least once without a capital, and words seen capitalised where a
    /// sentence does not start: a word is shown as written only when it is in the second set and
    /// not in the first (a proper noun); otherwise in lower case.
    var lowercase: Set<String> = []
    var capitalisedInside: Set<String> = []

    init(_ documents: [DocumentResult], suggester: TopicSuggester) {
        let identity = SpeakerIdentity(documents)
        names = SpeakerNames(documents, suggester: suggester)
        for document in documents.sorted(by: { $0.summary.id < $1.summary.id }) {
            let canonical = identity.canonicalName[document.summary.id] ?? [:]
            for statement in document.statements.sorted(by: { $0.range < $1.range }) {
                let index = statements.count
                let speaker = statement.speaker.isEmpty ? "" : canonical[statement.speaker] ?? statement.speaker
                statements.append(TopicSuggester.Example(statementID: statement.id, speaker: speaker, text: statement.text,
                                                         documentID: statement.documentID, paragraph: statement.paragraph))
                order[statement.id] = index
                let scalars = Array(statement.text.unicodeScalars)
                let tokens = Tokenizer.tokenize(scalars, in: TextRange(0, scalars.count))
                count(tokens, in: scalars, statement: index, speaker: speaker, suggester: suggester, names: names)
            }
        }
    }

    private mutating func count(_ tokens: [Token], in scalars: [Unicode.Scalar], statement: Int, speaker: String,
                                suggester: TopicSuggester, names: SpeakerNames) {
        // Runs of consecutive content words; anything else ends a run.
        var runs: [[Token]] = [[]]
        var startsSentence = true
        for token in tokens {
            if token.kind == .word && suggester.isContent(token.folded) && !names.words.contains(token.folded) {
                runs[runs.count - 1].append(token)
                if !token.isCapitalized {
                    lowercase.insert(token.folded)
                } else if !startsSentence {
                    capitalisedInside.insert(token.folded)
                }
            } else if !runs[runs.count - 1].isEmpty {
                runs.append([])
            }
            if token.kind != .quoteMark { startsSentence = [".", "!", "?", ":"].contains(token.folded) }
        }
        var seen: Set<[String]> = []
        for run in runs where !run.isEmpty {
            for start in run.indices {
                for length in 1...min(suggester.options.maxPhraseWords, run.count - start) {
                    let words = run[start..<(start + length)]
                    let folded = words.map(\.folded)
                    let key = folded.map(TopicSuggester.stem)
                    let surface = words.map { String(String.UnicodeScalarView(scalars[$0.range.start..<$0.range.end])) }
                        .joined(separator: " ")
                    var tally = phrases[key] ?? Tally(key: key)
                    tally.forms[folded, default: [:]][surface, default: 0] += 1
                    if seen.insert(key).inserted {
                        tally.statements.insert(statement)
                        if !speaker.isEmpty { tally.speakers.insert(speaker) }
                    }
                    phrases[key] = tally
                }
            }
        }
    }

    /// The phrase as a reader would write it: its most frequent form, each word in lower case unless
    /// it only ever appears capitalised, and at least once inside a sentence (a proper noun).
    func display(_ tally: Tally) -> String { forms(tally)[0] }

    /// Every form, most frequent first (ties in folded order), one per folded form.
    func forms(_ tally: Tally) -> [String] {
        let ranked = tally.forms.map { folded, surfaces -> (folded: [String], count: Int, surface: String) in
            let best = surfaces.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!.key
            return (folded, surfaces.values.reduce(0, +), best)
        }.sorted { a, b in a.count != b.count ? a.count > b.count : a.folded.lexicographicallyPrecedes(b.folded) }
        return ranked.map { form in
            let words = form.surface.split(separator: " ").map(String.init)
            let shown = zip(words, form.folded).map { word, folded in
                capitalisedInside.contains(folded) && !lowercase.contains(folded) ? word : word.lowercased()
            }
            return shown.joined(separator: " ")
        }
    }

    func phrase(_ tally: Tally) -> TopicSuggester.Phrase {
        let forms = forms(tally)
        return TopicSuggester.Phrase(key: tally.key, text: forms[0], variants: forms,
                                     statementIDs: tally.statements.sorted().map { statements[$0].statementID },
                                     speakers: tally.speakers.sorted(),
                                     documents: Set(tally.statements.map { statements[$0].documentID }).sorted())
    }
}

/// What counts as a speaker's name, never a topic: every word of a person's name and of the aliases
/// that name them ("Varga", "Ilse Varga"); whole phrases for organisations and for role or pronoun
/// mentions ("ministry", "minister"), so that "transport" stays usable while "transport ministry"
/// as a speaker does not become a topic.
struct SpeakerNames {
    var words: Set<String> = []
    var phrases: Set<[String]> = []

    /// True when the phrase (a key) is or contains a name phrase: "ministry", "transport ministry officials".
    func within(_ key: [String]) -> Bool {
        phrases.contains { $0.count <= key.count && TopicSuggester.overlaps($0, key) }
    }

    init(_ documents: [DocumentResult], suggester: TopicSuggester) {
        for document in documents {
            for speaker in document.speakers {
                var linkOf: [String: String] = [:]
                for link in speaker.links {
                    guard let arrow = link.range(of: "<-", options: .backwards) else { continue }
                    linkOf[String(link[..<arrow.lowerBound])] = String(link[arrow.upperBound...])
                }
                let person = speaker.kind == .person || speaker.kind == .unknown
                for (number, name) in ([speaker.name] + speaker.aliases).enumerated() {
                    let content = Self.words(name).filter(suggester.isContent)
                    guard !content.isEmpty else { continue }
                    let byName = number == 0 || !["pronoun", "role", "role_recency"].contains(linkOf[name] ?? "")
                    if person && byName {
                        words.formUnion(content)
                    } else {
                        phrases.insert(content.map(TopicSuggester.stem))
                    }
                }
            }
        }
    }

    /// Folded words of a name, split as the tokenizer would (no possessive "'s", no punctuation).
    static func words(_ name: String) -> [String] {
        let scalars = Array(name.unicodeScalars)
        return Tokenizer.tokenize(scalars, in: TextRange(0, scalars.count)).filter { $0.kind == .word }.map(\.folded)
    }
}

// MARK: - YAML

/// Renders a draft topic file. Every string is double-quoted with YAML escapes, so quotes, colons,
/// `#` and line breaks in a phrase cannot change the file's structure; comments are made single-line
/// and printable.
enum TopicDraftYAML {
    static func render(id: String, label: String, target: String, phrase: TopicSuggester.Phrase, objects: [String],
                       terms: [String], examples: [TopicSuggester.Example]) -> String {
        func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
        let names = phrase.speakers.isEmpty ? "" : " (" + phrase.speakers.joined(separator: ", ") + ")"
        var lines: [String] = []
        lines.append("# Draft topic from `stance topics suggest`: edit it before use.")
        lines.append(comment("\"\(phrase.text)\" occurs in \(plural(phrase.statementIDs.count, "statement")) by "
                             + "\(plural(phrase.speakers.count, "speaker"))\(names) in \(plural(phrase.documents.count, "document"))."))
        if !examples.isEmpty {
            lines.append("# For example:")
            for example in examples {
                let speaker = example.speaker.isEmpty ? "(unattributed)" : example.speaker
                lines.append(comment("  \(speaker): \"\(cut(example.text, 110))\" (\(example.documentID), paragraph \(example.paragraph))"))
            }
        }
        lines.append("# To do: write the target (what FAVOR means); add opposites (what counts against it), a holder")
        lines.append("# when the target is about what someone wants, and cues. A term alone places a statement in")
        lines.append("# this topic: keep only terms specific to it.")
        lines.append("id: \(quoted(id))")
        lines.append("label: \(quoted(label))")
        lines.append("target: \(quoted(target))")
        lines.append("kind: proposition")
        lines.append("holder: []")
        lines.append(contentsOf: list("objects", objects))
        lines.append("opposites: []")
        lines.append(contentsOf: list("terms", terms))
        lines.append("cues: []")
        return lines.joined(separator: "\n") + "\n"
    }

    static func list(_ key: String, _ items: [String]) -> [String] {
        items.isEmpty ? ["\(key): []"] : ["\(key):"] + items.map { "  - \(quoted($0))" }
    }

    /// A YAML double-quoted scalar: backslash, quote, and every character that is not printable or
    /// breaks a line escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if isPrintable(scalar) && !breaksLine(scalar) {
                    out.unicodeScalars.append(scalar)
                } else if scalar.value <= 0xFF {
                    out += "\\x" + hex(scalar.value, 2)
                } else if scalar.value <= 0xFFFF {
                    out += "\\u" + hex(scalar.value, 4)
                } else {
                    out += "\\U" + hex(scalar.value, 8)
                }
            }
        }
        return out + "\""
    }

    /// `# ` and the text with every line break and unprintable character made a space.
    static func comment(_ text: String) -> String {
        var out = "# "
        for scalar in text.unicodeScalars {
            out.unicodeScalars.append(isPrintable(scalar) && !breaksLine(scalar) && scalar != "\t" ? scalar : " ")
        }
        while out.hasSuffix(" ") { out.removeLast() }
        return out
    }

    static func cut(_ text: String, _ limit: Int) -> String {
        let flat = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
    }

    /// YAML's printable set (tab, LF and CR aside), without the byte order mark.
    private static func isPrintable(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20...0x7E, 0x85, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return s.value != 0xFEFF
        default: return false
        }
    }

    private static func breaksLine(_ s: Unicode.Scalar) -> Bool {
        s == "\n" || s == "\r" || s.value == 0x85 || s.value == 0x2028 || s.value == 0x2029
    }

    private static func hex(_ value: UInt32, _ digits: Int) -> String {
        let raw = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - raw.count)) + raw
    }
}
