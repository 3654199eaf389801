import Foundation
import StanceCore
import StanceAnalysis
import StanceReports

// `stance explain`: the whole trail of a decision, as data (`Explanation`) and as text or JSON.
// Pure: the same lexicon and input give the same explanation.

/// What `explain --statement ID` needs about one statement: the statement, what the run decided
/// about it, and its document's analysis when the text is at hand.
public final class StatementRecord: Sendable {
    public let statement: Statement
    /// The statement's stances as the run decided them (context and introduced topics included).
    public let stances: [StatementStance]
    /// The speaker as the statement's document knows them.
    public let speaker: DocumentSpeaker?
    /// The document's analysis (text, segmentation); nil when only stored rows are at hand. The
    /// trail is then rebuilt from the statement's own text.
    public let analysis: DocumentAnalysis?

    public init(statement: Statement, stances: [StatementStance], speaker: DocumentSpeaker?, analysis: DocumentAnalysis?) {
        self.statement = statement
        self.stances = stances
        self.speaker = speaker
        self.analysis = analysis
    }
}

/// Where `explain --statement ID` looks a statement up.
///
/// Seam for the store: today `ReanalysisSource` re-analyses PATH. A source reading `--db FILE`
/// (default `Reports/stance.sqlite`, output contract) implements this protocol from the stored
/// statement, its stances of the latest run and, when the store keeps the text, the document
/// re-segmented (`Pipeline.analyze`); without the text it gives `analysis: nil`.
public protocol StatementSource {
    /// The statement with this id, or nil when there is none.
    func record(statementID: String) throws -> StatementRecord?
}

/// Finds a statement by re-analysing the articles under a path, one document at a time, stopping
/// at the first document that holds it.
public final class ReanalysisSource: StatementSource {
    public let pipeline: Pipeline
    public let path: String
    public private(set) var failures: [InputError] = []

    public init(lexicon: Lexicon, path: String) {
        pipeline = Pipeline(lexicon: lexicon)
        self.path = path
    }

    public func record(statementID: String) throws -> StatementRecord? {
        let reader = DocumentReader(path: path)
        for entry in try reader.entries() {
            for item in reader.read(entry) {
                switch item {
                case .failure(let error): failures.append(error)
                case .success(let document):
                    let analysis = pipeline.analyze(document)
                    guard let statement = analysis.statements.first(where: { $0.id == statementID }) else { continue }
                    return StatementRecord(statement: statement, stances: analysis.stances.filter { $0.statementID == statementID },
                                           speaker: analysis.speakers.first { $0.name == statement.speaker }, analysis: analysis)
                }
            }
        }
        return nil
    }
}

/// The trail of one explanation.
public final class Explanation: Sendable {
    public enum Input: Sendable, Hashable {
        case text(String)
        case statement(String)
    }

    /// Segmentation of the text read: for a sentence all of it, for a statement its paragraph.
    public struct Segmentation: Sendable {
        public let paragraphs: [Paragraph]
        public let sentences: [Sentence]
        public let quotations: [Quotation]
    }

    public let input: Input
    /// The document ranges refer to (the sentence itself, or the statement's article); nil when
    /// only the statement's text is at hand.
    public let document: Document?
    public let segmentation: Segmentation?
    /// One per statement explained. For a sentence in which attribution finds no statement, one
    /// with `statement == nil`: the whole text scored as one statement, as `stance classify` does.
    public let statements: [StatementTrail]
    /// FAVOR at or above it, AGAINST at or below its negative (`stance.threshold`).
    public let threshold: Double

    init(input: Input, document: Document?, segmentation: Segmentation?, statements: [StatementTrail], threshold: Double) {
        self.input = input
        self.document = document
        self.segmentation = segmentation
        self.statements = statements
        self.threshold = threshold
    }
}

/// One statement's trail: who said it and how they were linked, and its topics.
public final class StatementTrail: Sendable {
    public let statement: Statement?
    public let speaker: DocumentSpeaker?
    public let topics: [TopicDecision]

    init(statement: Statement?, speaker: DocumentSpeaker?, topics: [TopicDecision]) {
        self.statement = statement
        self.speaker = speaker
        self.topics = topics
    }
}

/// One statement toward one topic: why it was placed there, what matched, which rules fired with
/// their lexicon entries, and the result.
public struct TopicDecision: Sendable {
    public enum Placement: String, Sendable {
        /// Its own words name the topic (holder and object, term or cue; an entity topic's entity).
        case ownWords = "own_words"
        /// A quotation placed by the reported clause that introduces it.
        case introducingClause = "introducing_clause"
        /// Not placed: shown because `--topic` asked for it.
        case notPlaced = "not_placed"
    }

    /// A lexicon entry as cited, with the words it matched.
    public struct Term: Sendable, Hashable {
        public let role: String
        public let entry: LexiconEntry
        /// The words in the text (nil when the document is not at hand).
        public let text: String?
        /// Where they stand in the document.
        public let range: TextRange
    }

    public struct Rule: Sendable, Hashable {
        public let evidence: Evidence
        /// The entry the evidence cites, when the lexicon has one at that place.
        public let entry: LexiconEntry?
        /// Where the entry comes from: list name or topic section.
        public let source: String?
        public let text: String?
    }

    public let topicID: String
    public let label: String
    public let target: String
    public let placement: Placement
    public let terms: [Term]
    public let rules: [Rule]
    public let stance: StanceLabel
    public let score: Double
    public let confidence: Double?
}

/// Builds explanations. Holds the pipeline and the lexicon's entry index (classes: built once).
public final class Explainer: Sendable {
    public let lexicon: Lexicon
    public let pipeline: Pipeline
    let entries: LexiconEntries
    let threshold: Double

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
        pipeline = Pipeline(lexicon: lexicon)
        entries = LexiconEntries(lexicon)
        threshold = lexicon.settings.value("stance.threshold", default: 0.2)
    }

    public enum ExplainError: Error, CustomStringConvertible {
        case unknownTopic(String, [String])

        public var description: String {
            switch self {
            case .unknownTopic(let id, let known): "no topic \"\(id)\" (topics: \(known.joined(separator: ", ")))"
            }
        }
    }

    /// Throws when `topic` is given and no topic has that id.
    public func checkTopic(_ topic: String?) throws {
        guard let topic, !lexicon.topics.contains(where: { $0.id == topic }) else { return }
        throw ExplainError.unknownTopic(topic, lexicon.topics.map(\.id))
    }

    /// A sentence (or any text): segmented and attributed as an article would be. Each statement
    /// found is explained as `analyze` would score it; when none is found the whole text is scored
    /// as one statement, as `stance classify` does. With `topic`, only that topic, placed or not.
    public func explain(text: String, topic: String? = nil, affiliation: String? = nil) -> Explanation {
        // An article's first paragraph that does not end like a sentence is its title, and attribution
        // reads no title: a sentence typed without a final stop is read with one.
        let endsLikeSentence = text.unicodeScalars.last(where: { !$0.properties.isWhitespace })
            .map { ".!?\"”»'’:".unicodeScalars.contains($0) } ?? true
        let document = Document(id: "text", text: endsLikeSentence ? text : text + ".")
        let analysis = pipeline.analyze(document)
        let segmentation = Explanation.Segmentation(paragraphs: analysis.paragraphs, sentences: analysis.sentences,
                                                    quotations: analysis.quotations)
        let ids = topic.map { Set([$0]) }
        var trails: [StatementTrail] = []
        if analysis.statements.isEmpty {
            let scorer = pipeline.stanceScorer
            let finals = scorer.score(text: text, affiliation: affiliation, topicIDs: ids ?? Set(lexicon.topics.map(\.id)))
            let decisions = scorer.trails(text: text, affiliation: affiliation, topicIDs: ids).compactMap { trail -> TopicDecision? in
                guard topic != nil || trail.isPlaced else { return nil }
                return decision(trail, stance: finals.first { $0.topic == trail.topicID }, placedByRun: trail.isPlaced, document: document)
            }
            trails.append(StatementTrail(statement: nil, speaker: nil, topics: decisions))
        } else {
            for statement in analysis.statements {
                let record = StatementRecord(statement: statement, stances: analysis.stances.filter { $0.statementID == statement.id },
                                             speaker: analysis.speakers.first { $0.name == statement.speaker }, analysis: analysis)
                trails.append(trail(record, topic: topic))
            }
        }
        return Explanation(input: .text(text), document: document, segmentation: segmentation, statements: trails, threshold: threshold)
    }

    /// A statement of an analysed corpus, from a `StatementSource`.
    public func explain(_ record: StatementRecord, topic: String? = nil) -> Explanation {
        var segmentation: Explanation.Segmentation?
        if let analysis = record.analysis {
            let p = record.statement.paragraph
            segmentation = Explanation.Segmentation(paragraphs: analysis.paragraphs.filter { $0.index == p },
                                                    sentences: analysis.sentences.filter { $0.paragraph == p },
                                                    quotations: analysis.quotations.filter { $0.paragraph == p })
        }
        return Explanation(input: .statement(record.statement.id), document: record.analysis?.document, segmentation: segmentation,
                           statements: [trail(record, topic: topic)], threshold: threshold)
    }

    private func trail(_ record: StatementRecord, topic: String?) -> StatementTrail {
        let statement = record.statement
        let scorer = pipeline.stanceScorer
        let affiliation = record.speaker?.affiliation
        let trails: [TopicTrail]
        let document: Document
        // Offset of the document's ranges in article coordinates (the run's evidence cites those).
        var origin = 0
        if let analysis = record.analysis {
            document = analysis.document
            trails = scorer.trails(of: statement, in: analysis.document, affiliation: affiliation, sentences: analysis.sentences)
        } else {
            // Only the stored text: its words are read on their own, so term ranges are the text's own.
            document = Document(id: statement.documentID, text: statement.text)
            origin = statement.range.start
            trails = scorer.trails(text: statement.text, affiliation: affiliation)
        }
        let order = Dictionary(lexicon.topics.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let decisions = trails.compactMap { trail -> TopicDecision? in
            let stance = record.stances.first { $0.topic == trail.topicID }
            if let topic, trail.topicID != topic { return nil }
            guard topic != nil || stance != nil else { return nil }
            return decision(trail, stance: stance, placedByRun: stance != nil, document: document, origin: origin)
        }.sorted { order[$0.topicID] ?? 0 < order[$1.topicID] ?? 0 }
        return StatementTrail(statement: statement, speaker: record.speaker, topics: decisions)
    }

    /// One topic's decision: the terms from the trail, the rules from the run's stance when it has
    /// one (context included), else from the trail.
    /// `origin`: where `document` starts in the article, when it is only the statement's text (the
    /// run's evidence ranges are article offsets; the trail's are the document's).
    private func decision(_ trail: TopicTrail, stance: StatementStance?, placedByRun: Bool, document: Document,
                          origin: Int = 0) -> TopicDecision {
        let topic = lexicon.topics.first { $0.id == trail.topicID }!
        let placement: TopicDecision.Placement = !placedByRun ? .notPlaced : trail.isPlaced ? .ownWords : .introducingClause
        func words(_ range: TextRange?, shift: Int) -> String? {
            guard let range, range.start - shift >= 0, range.end - shift <= document.scalars.count else { return nil }
            return document.flatText(TextRange(range.start - shift, range.end - shift))
        }
        let terms = trail.matches.map {
            TopicDecision.Term(role: $0.role.rawValue, entry: $0.entry, text: words($0.range, shift: 0),
                               range: TextRange($0.range.start + origin, $0.range.end + origin))
        }
        let evidence = stance?.evidence ?? trail.evidence
        let shift = stance == nil ? 0 : origin
        let rules = evidence.map { item -> TopicDecision.Rule in
            let found = entries.item(at: item.location)
            return TopicDecision.Rule(evidence: item, entry: found?.entry, source: found?.source, text: words(item.range, shift: shift))
        }
        let score = stance?.score ?? max(-1, min(1, trail.rawScore))
        return TopicDecision(topicID: topic.id, label: topic.label, target: topic.target, placement: placement, terms: terms,
                             rules: rules, stance: stance?.label ?? .none, score: score, confidence: stance?.confidence)
    }
}

// MARK: - Rendering

extension Explanation {
    /// The trail as readable text.
    public var text: String {
        var out: [String] = []
        switch input {
        case .text(let text):
            out.append("Text: \"\(Workbench.oneLine(text))\"")
            if let document, document.text != text {
                out.append("  (read with a final \".\": an article's first line without one is its title, and attribution skips titles)")
            }
        case .statement(let id): out.append("Statement \(id)" + (document.map { " in \($0.id)" } ?? ""))
        }
        if let segmentation, let document {
            out.append("")
            out.append("Segmentation")
            for p in segmentation.paragraphs {
                out.append("  paragraph \(p.index) (\(p.role.rawValue)) \(p.range)")
                for s in segmentation.sentences where s.paragraph == p.index {
                    out.append("    sentence \(s.range): \(Self.cut(document.flatText(s.range), 100))")
                }
                let quotes = segmentation.quotations.filter { $0.paragraph == p.index }
                if quotes.isEmpty { out.append("    no quotations") }
                for q in quotes {
                    var flags: [String] = []
                    if !q.isClosed { flags.append("unclosed") }
                    if q.continuesPrevious { flags.append("continues the previous paragraph's") }
                    if q.continuesNext { flags.append("goes on in the next paragraph") }
                    let extra = flags.isEmpty ? "" : " (" + flags.joined(separator: ", ") + ")"
                    out.append("    quotation \(q.range) role \(q.role.rawValue)\(extra): \(Self.cut(document.flatText(q.range), 90))")
                }
            }
        } else if case .statement = input {
            out.append("")
            out.append("Segmentation: not available (only the statement's stored text); terms and rules read its text on its own")
        }
        for trail in statements {
            out.append("")
            out += trail.lines(document: document, isOnly: statements.count == 1)
            for decision in trail.topics {
                out.append("")
                out += decision.lines(threshold: threshold)
            }
            if trail.topics.isEmpty {
                out.append("")
                out.append("Topics: placed in none (a topic needs its holder and one of its objects, terms or cues; "
                           + "an entity topic its entity); `--topic ID` shows what one topic matched")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func cut(_ text: String, _ width: Int) -> String {
        text.count > width ? String(text.prefix(width - 1)) + "…" : text
    }

    /// The trail as one JSON object.
    public var json: String {
        var root = JSONObject()
        switch input {
        case .text(let text): root.string("text", text)
        case .statement(let id): root.string("statement_id", id)
        }
        root.string("document", document?.id)
        root.number("threshold", threshold)
        if let segmentation {
            var seg = JSONObject()
            seg.array("paragraphs", segmentation.paragraphs.map { p in
                var o = JSONObject()
                o.integer("paragraph", p.index)
                o.string("role", p.role.rawValue)
                o.integer("start", p.range.start)
                o.integer("end", p.range.end)
                return o.text
            })
            seg.array("sentences", segmentation.sentences.map { s in
                var o = JSONObject()
                o.integer("paragraph", s.paragraph)
                o.integer("start", s.range.start)
                o.integer("end", s.range.end)
                o.string("text", document?.text(in: s.range))
                return o.text
            })
            seg.array("quotations", segmentation.quotations.map { q in
                var o = JSONObject()
                o.integer("paragraph", q.paragraph)
                o.integer("start", q.range.start)
                o.integer("end", q.range.end)
                o.string("role", q.role.rawValue)
                o.bool("closed", q.isClosed)
                o.string("text", document?.text(in: q.range))
                return o.text
            })
            root.raw("segmentation", seg.text)
        } else {
            root.raw("segmentation", "null")
        }
        root.array("statements", statements.map(\.json))
        return root.text
    }
}

extension StatementTrail {
    func lines(document: Document?, isOnly: Bool) -> [String] {
        guard let s = statement else {
            return ["Statement: attribution finds none in this text (no reporting verb, source frame or attributed quotation);",
                    "  the whole text is scored as one statement, as `stance classify` scores it"]
        }
        var out = ["Statement \(s.id): \(s.kind.rawValue), paragraph \(s.paragraph), \(s.range)",
                   "  \"\(Explanation.cut(Workbench.oneLine(s.text), 200))\""]
        if s.speaker.isEmpty {
            out.append("Speaker: none")
        } else {
            out.append("Speaker: \(s.speaker) (\(s.speakerKind.rawValue))")
        }
        out.append("  found by rule \(s.rule), cue \"\(s.cue)\"")
        out.append("  named here as \"\(s.speakerMention)\", linked to the speaker by: \(s.link.isEmpty ? "-" : s.link)")
        if let speaker {
            if !speaker.aliases.isEmpty { out.append("  aliases in the document: " + speaker.aliases.joined(separator: "; ")) }
            if !speaker.links.isEmpty { out.append("  links: " + speaker.links.joined(separator: "; ")) }
            if !speaker.roles.isEmpty { out.append("  roles: " + speaker.roles.joined(separator: "; ")) }
            if let affiliation = speaker.affiliation { out.append("  affiliation: \(affiliation)") }
        }
        return out
    }

    var json: String {
        var o = JSONObject()
        if let s = statement {
            o.string("statement_id", s.id)
            o.string("document", s.documentID)
            o.integer("paragraph", s.paragraph)
            o.integer("start", s.range.start)
            o.integer("end", s.range.end)
            o.string("kind", s.kind.rawValue)
            o.string("text", s.text)
            var sp = JSONObject()
            sp.string("name", s.speaker)
            sp.string("kind", s.speakerKind.rawValue)
            sp.string("mention", s.speakerMention)
            sp.string("rule", s.rule)
            sp.string("cue", s.cue)
            sp.string("link", s.link)
            sp.array("aliases", (speaker?.aliases ?? []).map(JSONLines.quoted))
            sp.array("links", (speaker?.links ?? []).map(JSONLines.quoted))
            sp.array("roles", (speaker?.roles ?? []).map(JSONLines.quoted))
            sp.string("affiliation", speaker?.affiliation)
            o.raw("speaker", sp.text)
        } else {
            o.raw("statement_id", "null")
            o.string("scored_as", "whole_text")
        }
        o.array("topics", topics.map(\.json))
        return o.text
    }
}

extension TopicDecision {
    func lines(threshold: Double) -> [String] {
        var out = ["Topic \(topicID): \(label)", "  target: \(target)"]
        switch placement {
        case .ownWords: out.append("  placed: by its own words")
        case .introducingClause: out.append("  placed: by the reported clause that introduces this quotation (its own words name no holder)")
        case .notPlaced: out.append("  placed: no (a topic needs its holder and one of its objects, terms or cues; an entity topic its entity)")
        }
        out.append(terms.isEmpty ? "  terms matched: none" : "  terms matched (role, entry, file:line:col, words at offsets):")
        let roleWidth = terms.map(\.role.count).max() ?? 0
        let termWidth = terms.map(\.entry.term.count).max() ?? 0
        let placeWidth = terms.map(\.entry.location.description.count).max() ?? 0
        for term in terms {
            let words = term.text.map { "\"\($0)\" " } ?? ""
            out.append("    \(Self.pad(term.role, roleWidth))  \(Self.pad(term.entry.term, termWidth))  "
                       + "\(Self.pad(term.entry.location.description, placeWidth))  \(words)\(term.range)")
        }
        out.append(rules.isEmpty ? "  rules: none fired" : "  rules (rule@file:line=contribution, entry, words):")
        let citeWidth = rules.map(\.evidence.formatted.count).max() ?? 0
        for rule in rules {
            var line = "    \(Self.pad(rule.evidence.formatted, citeWidth))"
            if let entry = rule.entry { line += "  \(entry.term)" + (rule.source.map { " (\($0))" } ?? "") }
            if let text = rule.text { line += "  on \"\(text)\"" }
            if let note = Self.notes[rule.evidence.rule] { line += "  [\(note)]" }
            out.append(line)
        }
        let sum = rules.map(\.evidence.contribution).reduce(0, +)
        let bounds = "FAVOR at >= \(Number.format(threshold, decimals: 2)), AGAINST at <= \(Number.format(-threshold, decimals: 2))"
        let confidenceText = confidence.map { ", confidence \(Number.format($0, decimals: 2))" } ?? ""
        out.append("  result: \(stance.rawValue), score \(Number.format(score, decimals: 2, signed: true))\(confidenceText) "
                   + "(sum \(Number.format(sum, decimals: 2, signed: true)), clamped to [-1, 1]; \(bounds))")
        return out
    }

    /// Rules whose citation alone does not say what happened.
    static let notes: [String: String] = [
        "context": "no side of its own: the side of the same speaker's neighbouring statements, cited by their strongest entry",
        "object": "the object the predicate applies to; no weight of its own",
        "nested_predicate": "composed into the predicate before it",
        "frame_predicate": "from the main clause of the sentence that frames this statement",
        "negated_frame": "the statement sits in a negated or denial frame: its score is turned",
    ]

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    var json: String {
        var o = JSONObject()
        o.string("topic", topicID)
        o.string("label", label)
        o.string("placement", placement.rawValue)
        o.array("terms", terms.map { t in
            var j = JSONObject()
            j.string("role", t.role)
            j.string("term", t.entry.term)
            j.string("file", t.entry.location.file)
            j.integer("line", t.entry.location.line)
            j.integer("column", t.entry.location.column)
            j.string("text", t.text)
            return j.text
        })
        o.array("rules", rules.map { r in
            var j = JSONObject()
            j.string("rule", r.evidence.rule)
            j.string("file", r.evidence.location.file)
            j.integer("line", r.evidence.location.line)
            j.integer("column", r.evidence.location.column)
            j.string("term", r.entry?.term)
            j.string("source", r.source)
            j.number("contribution", r.evidence.contribution)
            j.string("text", r.text)
            return j.text
        })
        o.string("stance", stance.rawValue)
        o.number("score", score)
        o.number("confidence", confidence)
        return o.text
    }
}
