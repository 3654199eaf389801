import Foundation
import StanceCore
import StanceLexicon
import StanceAnalysis
import StanceReports

/// `stance coverage`: where the lexicons leave a corpus's topics unexplained. Per topic:
/// - the statements placed in it that came out NONE (no rule fired, or the contributions stayed
///   under the threshold), and
/// - the content words most often found near the topic's target terms (holder, objects and
///   opposites; for an entity topic, the entity) in the topic's statements that no lexicon entry
///   covers: candidates for cues, predicates or polarity words.
///
/// A content word is a word token (not a number) that is not in a `grammar/*` list nor in
/// `suggest/stopwords` (when the set has it). A word is covered when an entry of any other list
/// or of any topic matches over it (every list but `grammar/*`, `suggest/*` and `cleaning/*`,
/// which say nothing about stance). Statement texts are read on their own, as the stance stage
/// reads them.
public final class CoverageAnalyzer {
    public struct Options: Sendable, Equatable {
        /// How many words on each side of a target term count as near it.
        public var window: Int
        /// Candidates listed per topic.
        public var top: Int

        public init(window: Int = 5, top: Int = 10) {
            self.window = window
            self.top = top
        }
    }

    /// A statement placed in the topic with no side.
    public struct Unscored: Sendable, Hashable {
        public let statementID: String
        public let document: String
        public let paragraph: Int
        public let speaker: String
        public let text: String
        /// The contributions that did fire (they cancel or stay under the threshold); empty when none did.
        public let evidence: [Evidence]
    }

    /// A word no entry covers, with how often it stands near a target term.
    public struct Candidate: Sendable, Hashable {
        /// Folded.
        public let word: String
        public let count: Int
        /// Distinct statements it was found in.
        public let statements: Int
    }

    public final class TopicCoverage: Sendable {
        public let topicID: String
        public let label: String
        /// Statements placed in the topic.
        public let placed: Int
        public let unscored: [Unscored]
        public let candidates: [Candidate]

        init(topicID: String, label: String, placed: Int, unscored: [Unscored], candidates: [Candidate]) {
            self.topicID = topicID
            self.label = label
            self.placed = placed
            self.unscored = unscored
            self.candidates = candidates
        }
    }

    public let lexicon: Lexicon
    public let options: Options
    /// Folded non-content words (grammar lists, stopwords) and stopword prefixes (`interview*`).
    let nonContent: Set<String>
    let nonContentPrefixes: [String]
    /// Every entry of the lists and topics that can cover a word, in one index: the longest match
    /// at each token covers whatever a shorter one there would.
    let covering: PhraseIndex
    let targets: [String: PhraseIndex]
    /// Whether the set has `suggest/stopwords` (the output says so when it has not).
    public let hasStopwords: Bool

    public static let stopwordList = "suggest/stopwords"

    public init(lexicon: Lexicon, options: Options = Options()) {
        self.lexicon = lexicon
        self.options = options
        var words: Set<String> = []
        var prefixes: [String] = []
        for (name, list) in lexicon.lists where name.hasPrefix("grammar/") || name == Self.stopwordList {
            for entry in list.entries {
                if entry.isWildcard && entry.words.count == 1 { prefixes.append(entry.words[0]) } else { words.insert(entry.words.joined(separator: " ")) }
            }
        }
        nonContent = words
        nonContentPrefixes = prefixes.sorted()
        hasStopwords = lexicon.lists[Self.stopwordList] != nil
        let lists = lexicon.lists.keys.sorted().filter { !($0.hasPrefix("grammar/") || $0.hasPrefix("suggest/") || $0.hasPrefix("cleaning/")) }
        var coveringEntries: [LexiconEntry] = []
        for name in lists { coveringEntries += lexicon.lists[name]!.entries }
        for t in lexicon.topics {
            coveringEntries += t.holder + t.objects + t.opposites
            coveringEntries += t.terms + t.cues
            for group in t.actors.keys.sorted() { coveringEntries += t.actors[group]! }
        }
        covering = PhraseIndex(coveringEntries)
        targets = Dictionary(lexicon.topics.map { ($0.id, PhraseIndex($0.holder + $0.objects + $0.opposites)) }, uniquingKeysWith: { a, _ in a })
    }

    /// Coverage of every topic of the lexicon, in the lexicon's topic order.
    public func coverage(_ result: CorpusResult) -> [TopicCoverage] {
        let statements = Dictionary(result.statements.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let byTopic = Dictionary(grouping: result.stances, by: \.topic)
        var cache: [String: StatementWords] = [:]
        return lexicon.topics.map { topic in
            let stances = (byTopic[topic.id] ?? []).filter { statements[$0.statementID] != nil }
            let unscored = stances.filter { $0.label == .none }.map { stance -> Unscored in
                let s = statements[stance.statementID]!
                return Unscored(statementID: s.id, document: s.documentID, paragraph: s.paragraph, speaker: s.speaker, text: s.text,
                                evidence: stance.evidence)
            }.sorted { ($0.document, $0.paragraph, $0.statementID) < ($1.document, $1.paragraph, $1.statementID) }
            var read: [StatementWords] = []
            for stance in stances {
                if let known = cache[stance.statementID] {
                    read.append(known)
                } else {
                    let words = StatementWords(statements[stance.statementID]!.text, covering: covering)
                    cache[stance.statementID] = words
                    read.append(words)
                }
            }
            return TopicCoverage(topicID: topic.id, label: topic.label, placed: stances.count, unscored: unscored,
                                 candidates: candidates(in: read, targets: targets[topic.id]!))
        }
    }

    /// A statement's words and which of them some entry covers, read once for all its topics.
    final class StatementWords {
        let words: ParagraphWords
        /// Word ordinals by token (-1 for punctuation), so that punctuation does not count toward the window.
        let ordinal: [Int]
        let covered: Set<Int>

        init(_ text: String, covering: PhraseIndex) {
            let document = Document(id: "statement", text: text)
            words = CorpusWords.words(of: document, in: TextRange(0, document.scalars.count), paragraph: 0)
            var ordinal: [Int] = Array(repeating: -1, count: words.tokens.count)
            var n = 0
            for i in words.tokens.indices where words.tokens[i].isWord {
                ordinal[i] = n
                n += 1
            }
            self.ordinal = ordinal
            var covered = Set<Int>()
            for m in CorpusWords.matches(covering, in: words) { covered.formUnion(m.tokens) }
            self.covered = covered
        }
    }

    /// Uncovered content words near target terms in `texts`, most frequent first (then most
    /// statements, then alphabetical), at most `options.top`.
    public func candidates(in texts: [String], targets: PhraseIndex) -> [Candidate] {
        candidates(in: texts.map { StatementWords($0, covering: covering) }, targets: targets)
    }

    func candidates(in statements: [StatementWords], targets: PhraseIndex) -> [Candidate] {
        var counts: [String: (count: Int, statements: Int)] = [:]
        for statement in statements {
            let p = statement.words, ordinal = statement.ordinal, covered = statement.covered
            let anchors = CorpusWords.matches(targets, in: p)
            guard !anchors.isEmpty else { continue }
            var near = Set<Int>()
            for anchor in anchors {
                let words = anchor.tokens.map { ordinal[$0] }.filter { $0 >= 0 }
                guard let first = words.min(), let last = words.max() else { continue }
                for i in p.tokens.indices where ordinal[i] >= 0 && !anchor.tokens.contains(i)
                    && ordinal[i] >= first - options.window && ordinal[i] <= last + options.window {
                    near.insert(i)
                }
            }
            var seen = Set<String>()
            for i in near.sorted() where !covered.contains(i) && isContent(p.tokens[i]) {
                let word = p.tokens[i].folded
                counts[word, default: (0, 0)].count += 1
                if seen.insert(word).inserted { counts[word]!.statements += 1 }
            }
        }
        return counts.map { Candidate(word: $0.key, count: $0.value.count, statements: $0.value.statements) }
            .sorted { ($1.count, $1.statements, $0.word) < ($0.count, $0.statements, $1.word) }
            .prefix(options.top).map { $0 }
    }

    func isContent(_ token: Token) -> Bool {
        guard token.kind == .word else { return false }
        let word = token.folded
        guard word.count > 1, word != "'s", word.contains(where: \.isLetter) else { return false }
        return !nonContent.contains(word) && !nonContentPrefixes.contains { word.hasPrefix($0) }
    }

    // MARK: - Output

    public func text(_ coverage: [TopicCoverage]) -> String {
        var lines: [String] = []
        if !hasStopwords {
            lines.append("(no \(Self.stopwordList) list in this lexicon set: only grammar/* words are left out of the candidates)")
        }
        for topic in coverage {
            lines.append("\(topic.topicID): \(topic.label)")
            lines.append("  \(topic.placed) statements placed, \(topic.unscored.count) with no stance (NONE)")
            for s in topic.unscored {
                let text = Workbench.oneLine(s.text)
                let cut = text.count > 90 ? String(text.prefix(89)) + "…" : text
                let why = s.evidence.isEmpty ? "no rule fired"
                    : "under the threshold: " + s.evidence.map(\.formatted).joined(separator: "; ")
                lines.append("    NONE \(s.statementID) \(s.document) ¶\(s.paragraph) \(s.speaker.isEmpty ? "(no speaker)" : s.speaker)")
                lines.append("         \"\(cut)\"")
                lines.append("         \(why)")
            }
            if topic.candidates.isEmpty {
                lines.append("  no uncovered words near its target terms")
            } else {
                lines.append("  words near its target terms that no entry covers (±\(options.window) words): count, statements, word")
                for c in topic.candidates {
                    lines.append("    " + String(repeating: " ", count: max(0, 5 - String(c.count).count)) + "\(c.count)"
                                 + String(repeating: " ", count: max(1, 7 - String(c.statements).count)) + "\(c.statements)  \(c.word)")
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    public func json(_ coverage: [TopicCoverage]) -> String {
        let topics = coverage.map { topic -> String in
            var o = JSONObject()
            o.string("topic", topic.topicID)
            o.string("label", topic.label)
            o.integer("placed", topic.placed)
            o.array("none", topic.unscored.map { s in
                var n = JSONObject()
                n.string("statement_id", s.statementID)
                n.string("document", s.document)
                n.integer("paragraph", s.paragraph)
                n.string("speaker", s.speaker)
                n.string("text", s.text)
                n.array("evidence", s.evidence.map { JSONLines.quoted($0.formatted) })
                return n.text
            })
            o.array("candidates", topic.candidates.map { c in
                var n = JSONObject()
                n.string("word", c.word)
                n.integer("count", c.count)
                n.integer("statements", c.statements)
                return n.text
            })
            return o.text
        }
        var root = JSONObject()
        root.integer("window", options.window)
        root.bool("stopwords", hasStopwords)
        root.array("topics", topics)
        return root.text
    }
}
