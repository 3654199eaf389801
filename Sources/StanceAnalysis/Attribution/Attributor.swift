import StanceCore

/// Finds every statement of a document and ties it to its speaker. Sentences are read in order;
/// in each, the rule families run in a fixed order: reporting cues (reported speech, naming and
/// participle frames, cue after the clause), source frames ("According to X,"), direct quotations
/// (leading and trailing frames, split quotes), then quotations with no frame of their own (after a
/// colon, or floating after the last speaker). Coreference state carries across sentences.
public final class Attributor: Sendable {
    let lexicon: AttributionLexicon
    let registry: [RegisteredSpeaker]
    let wordClasses: WordClassTable

    public init(lexicon: Lexicon) {
        let attribution = AttributionLexicon(lexicon)
        self.lexicon = attribution
        registry = lexicon.speakers
        wordClasses = WordClassTable(attribution)
    }

    public func attribute(_ doc: SegmentedDocument) -> (statements: [Statement], speakers: [DocumentSpeaker], disagreements: [Disagreement]) {
        var run = AttributionRun(doc: doc, lexicon: lexicon, wordClasses: wordClasses, registry: registry)
        let body = Set(doc.paragraphs.filter { $0.role == .body }.map(\.index))
        for s in doc.sentences.indices where body.contains(doc.sentences[s].paragraph) { run.attribute(sentence: s) }
        return run.finish()
    }
}

/// The state of one document's attribution.
struct AttributionRun {
    let doc: SegmentedDocument
    let lexicon: AttributionLexicon
    let parser: MentionParser
    var resolver: SpeakerResolver
    var drafts: [DraftStatement] = []
    var disagreements: [(entity: Int, target: Int?, range: TextRange, cue: LexiconEntry)] = []
    /// Speaker of the latest statement and its paragraph.
    var lastSpeaker: (entity: Int, paragraph: Int, mention: String)?
    /// The speaker a sentence ending in a colon hands to the quotation that follows.
    var colonSpeaker: (entity: Int, mention: String)?
    /// Quotations already given a speaker.
    var attributedQuotes: Set<Int> = []
    /// The person the latest sentence opened with, when it was not a statement of theirs.
    var lastSubject: (entity: Int, paragraph: Int, mention: String)?

    init(doc: SegmentedDocument, lexicon: AttributionLexicon, wordClasses: WordClassTable, registry: [RegisteredSpeaker]) {
        self.doc = doc
        self.lexicon = lexicon
        parser = MentionParser(doc: doc, lexicon: lexicon, wordClasses: wordClasses)
        resolver = SpeakerResolver(registry: registry)
    }

    var words: [String?] { parser.words }
    var classes: [WordClass] { parser.classes }

    mutating func attribute(sentence s: Int) {
        let tokens = doc.sentenceTokens[s]
        let paragraph = doc.sentences[s].paragraph
        noteSentenceSubject(tokens, paragraph: paragraph)
        var frames = findFrames(in: tokens)
        frames += sourceFrames(in: tokens, existing: frames)
        frames.sort { $0.cue.lowerBound < $1.cue.lowerBound }
        for frame in frames { emitReported(frame, paragraph: paragraph, sentence: tokens) }
        attributeQuotations(in: tokens, sentence: s, frames: frames)
        findDisagreements(in: tokens)
        // A sentence ending in a colon hands its speaker to the quotation that follows: the
        // speaker of its frame, else the person it names last ("club president Enzo Ricci was
        // blunt:"), else the person just spoken of ("From the letter:").
        if let last = tokens.last, doc.tokens[last].folded == ":", doc.tokens[last].quotation == nil {
            if let speaker = frames.last(where: { $0.entity != nil }) {
                colonSpeaker = (speaker.entity!, speaker.subject?.text ?? "")
            } else if let named = lastPersonMention(in: tokens) {
                colonSpeaker = named
            } else if let subject = lastSubject ?? lastSpeaker.map({ ($0.entity, $0.paragraph, $0.mention) }),
                      paragraph - subject.paragraph <= 1 {
                colonSpeaker = (subject.entity, subject.mention)
            }
        } else if !(tokens.last.map { doc.tokens[$0].quotation != nil } ?? false) {
            colonSpeaker = nil
        }
    }

    mutating func record(_ range: TextRange, paragraph: Int, kind: StatementKind, entity: Int, mention: String, cue: String,
                         rule: String, link: String) {
        guard !range.isEmpty, !drafts.contains(where: { $0.range.overlaps(range) }) else { return }
        drafts.append(DraftStatement(range: range, paragraph: paragraph, kind: kind, entity: entity, mention: mention, cue: cue,
                                     rule: rule, link: link))
        lastSpeaker = (entity, paragraph, mention)
        resolver.activate(entity)
    }

    /// Registers the person a sentence opens with ("Hollan dismissed ...", "Minister Varga
    /// rejected ...", "The company's chief executive, Renata Silva, sent ...") so that a following
    /// "he", "the MP" or floating quotation can find them.
    mutating func noteSentenceSubject(_ tokens: Range<Int>, paragraph: Int) {
        guard let first = tokens.first, words[first] != nil else { return }
        // Role phrase, then the name between commas.
        if let c1 = nextComma(after: first - 1, upper: tokens.upperBound), (first..<c1).contains(where: { parser.isRoleWord($0) }),
           let c2 = nextComma(after: c1, upper: tokens.upperBound),
           let name = parser.mention(startingAt: c1 + 1, upper: c2), name.kind == .name, name.tokens.upperBound == c2,
           let resolved = resolver.resolve(name) {
            if let apposition = describedApposition(first..<c1) { resolver.describe(resolved.index, with: apposition) }
            lastSubject = (resolved.index, paragraph, name.text)
            return
        }
        // Only a name is kept: most sentences open with none, and then the search for the
        // longest mention is skipped.
        guard parser.mayBeName(startingAt: first, upper: tokens.upperBound),
              let mention = parser.mention(startingAt: first, upper: tokens.upperBound),
              mention.kind == .name, mention.tokens.upperBound < tokens.upperBound,
              doc.tokens[mention.tokens.upperBound].folded == ","
                || (words[mention.tokens.upperBound].map { $0 != "'s" } ?? false) && !doc.tokens[mention.tokens.upperBound].isCapitalized
        else { return }
        let known = resolver.entities.contains { $0.words.suffix(mention.words.count) == mention.words[...] }
        guard known || mention.words.count >= 2 || mention.title != nil, let resolved = resolver.resolve(mention) else { return }
        lastSubject = (resolved.index, paragraph, mention.text)
    }

    /// The last person a sentence names outside quotation marks, resolved.
    mutating func lastPersonMention(in tokens: Range<Int>) -> (entity: Int, mention: String)? {
        for i in tokens.reversed() where words[i] != nil && doc.tokens[i].isCapitalized {
            guard let m = parser.mention(endingAt: i + 1, lower: tokens.lowerBound), m.kind == .name, !m.isTitleObject,
                  m.words.count >= 2 || m.title != nil || resolver.entities.contains(where: { $0.words.last == m.words.last }),
                  let resolved = resolver.resolve(m) else { continue }
            return (resolved.index, m.text)
        }
        return nil
    }

    /// Span of tokens as text range, without trailing punctuation unless it closes a quotation
    /// ("...work."" keeps its period and mark).
    func clauseRange(_ tokens: Range<Int>) -> TextRange? {
        var lo = tokens.lowerBound, hi = tokens.upperBound
        while lo < hi, doc.tokens[lo].kind == .punctuation { lo += 1 }
        while hi > lo, doc.tokens[hi - 1].kind == .punctuation, doc.tokens[hi - 1].quotation == nil { hi -= 1 }
        guard lo < hi else { return nil }
        return TextRange(doc.tokens[lo].range.start, doc.tokens[hi - 1].range.end)
    }

    func finish() -> (statements: [Statement], speakers: [DocumentSpeaker], disagreements: [Disagreement]) {
        let entities = resolver.entities
        let statements = drafts.sorted { $0.range < $1.range }.map { d in
            Statement(documentID: doc.document.id, paragraph: d.paragraph, range: d.range, text: doc.text(d.range), kind: d.kind,
                      speaker: entities[d.entity].name, speakerMention: d.mention, speakerKind: entities[d.entity].kind,
                      cue: d.cue, rule: d.rule, link: d.link)
        }
        let speaking = Set(drafts.map(\.entity))
        let all = resolver.speakers()
        let speakers = all.indices.filter { speaking.contains($0) }.map { all[$0] }
        let found = disagreements.map { d in
            Disagreement(speaker: entities[d.entity].name, target: d.target.map { entities[$0].name }, range: d.range, cue: d.cue)
        }
        return (statements, speakers, found)
    }
}
