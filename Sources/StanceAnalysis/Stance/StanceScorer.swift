import StanceCore

/// Places each statement in the topics it speaks to and scores its stance toward each topic's
/// target. Rules run in a fixed order (framing first, so the view it frames is scored once, then
/// predicate, topic cue, polarity, absence); a negated frame ("does not think that X") turns the
/// result; hedges lower confidence; a statement placed in a topic with no side of its own takes
/// part of the side of the same speaker's neighbouring statements (context). Every contribution
/// is an `Evidence` item citing its lexicon entry, and the score is their sum.
public final class StanceScorer: Sendable {
    let vocabulary: StanceVocabulary
    let topics: [CompiledTopic]
    /// The vocabulary's view lists, then every topic's lists (`CompiledTopic.lists` one after the
    /// other), compiled together: one pass per statement finds all their matches.
    let matcher: PhraseTrie
    /// Lists per topic in `matcher`.
    let topicListCount: Int

    public init(lexicon: Lexicon) {
        vocabulary = StanceVocabulary(lexicon)
        topics = lexicon.topics.map(CompiledTopic.init)
        topicListCount = topics.first?.lists.count ?? 0
        matcher = PhraseTrie(vocabulary.viewLists + topics.flatMap(\.lists))
    }

    /// Scores one statement text on its own (for `stance classify` and rule tests).
    public func score(text: String, affiliation: String? = nil, topicIDs: Set<String>? = nil) -> [StatementStance] {
        let document = Document(id: "text", text: text)
        let statement = Statement(documentID: "text", paragraph: 0, range: TextRange(0, document.scalars.count), text: text,
                                  kind: .indirect, speaker: "", speakerMention: "", speakerKind: .unknown, cue: "", rule: "text",
                                  link: "")
        let shared = view(of: statement, in: document)
        let chosen = topics.indices.filter { topicIDs?.contains(topics[$0].topic.id) ?? true }
        return chosen.compactMap { t in
            let e = evaluate(statement, in: document, topic: t, affiliation: affiliation, sentences: [], view: shared)
            return topicIDs == nil && !e.isPlaced ? nil : finish(statement.id, e, inherited: nil)
        }
    }

    public func score(_ analysis: DocumentAnalysis) -> [StatementStance] {
        guard !topics.isEmpty else { return [] }
        let affiliation = Dictionary(analysis.speakers.map { ($0.name, $0.affiliation) }, uniquingKeysWith: { a, _ in a })
        // Whether each affiliation names each topic's holder: folded and matched once per document.
        var holderAffiliations: [String: [Bool]] = [:]
        for case let a? in affiliation.values where holderAffiliations[a] == nil {
            holderAffiliations[a] = topics.map { $0.holderIncludes(affiliation: a) }
        }
        let statements = analysis.statements
        let scratch = PhraseTrie.Scratch()
        let views = statements.map { view(of: $0, in: analysis.document, scratch: scratch) }
        let speakerAffiliations: [String?] = statements.map { affiliation[$0.speaker] ?? nil }
        let holderFlags: [[Bool]?] = speakerAffiliations.map { $0.map { holderAffiliations[$0]! } }
        func affiliationIsHolder(_ i: Int, _ t: Int) -> Bool { holderFlags[i]?[t] ?? false }
        func topicEvidence(_ i: Int, _ t: Int) -> TopicEvidence {
            TopicEvidence(topic: topics[t], view: views[i], topicIndex: t, affiliationIsHolder: affiliationIsHolder(i, t))
        }
        // evidence[i * topicCount + t]: statement i on topic t, nil while the statement names
        // nothing of the topic (most pairs). Whether a pair is placed depends on its topic words
        // only, so the rules run afterwards, on placed pairs alone: an unplaced pair's evidence is
        // never read (no stance, no context donor).
        let topicCount = topics.count
        var evidence = [TopicEvidence?](repeating: nil, count: statements.count * topicCount)
        for i in statements.indices {
            for t in topics.indices
            where TopicEvidence.mayBePlaced(topicIndex: t, view: views[i], affiliationIsHolder: affiliationIsHolder(i, t)) {
                evidence[i * topicCount + t] = topicEvidence(i, t)
            }
        }
        var placed = evidence.map { $0?.isPlaced ?? false }
        // A quotation takes the topics of the reported clause that introduces it ("X believes that
        // Russia ...: "<quotation>"") even when its own words do not name them.
        for i in statements.indices.dropFirst() where introduces(statements[i - 1], statements[i]) {
            for t in topics.indices where placed[(i - 1) * topicCount + t] { placed[i * topicCount + t] = true }
        }
        for i in statements.indices {
            for t in topics.indices where placed[i * topicCount + t] {
                var e = evidence[i * topicCount + t] ?? topicEvidence(i, t)
                applyRules(&e, statement: statements[i], document: analysis.document, topic: t,
                           affiliation: speakerAffiliations[i], sentences: analysis.sentences)
                evidence[i * topicCount + t] = e
            }
        }
        let turns = Self.turns(statements)
        var result: [StatementStance] = []
        for i in statements.indices {
            for t in topics.indices where placed[i * topicCount + t] {
                let e = evidence[i * topicCount + t]!
                var inherited: (Double, Evidence)?
                // Only quotations carry on an argument from context: a reported clause has to stand
                // on its own words.
                if statements[i].kind == .direct, abs(e.score) < vocabulary.threshold {
                    inherited = context(for: i, topic: t, turns: turns, evidence: evidence, placed: placed)
                }
                result.append(finish(statements[i].id, e, inherited: inherited))
            }
        }
        return result
    }

    /// Statements of one speaker in a row, no other speaker between and no paragraph skipped.
    static func turns(_ statements: [Statement]) -> [Int] {
        var turn = 0
        return statements.indices.map { i in
            if i > 0, statements[i].speaker != statements[i - 1].speaker || statements[i].paragraph - statements[i - 1].paragraph > 1 {
                turn += 1
            }
            return turn
        }
    }

    private func introduces(_ previous: Statement, _ next: Statement) -> Bool {
        previous.speaker == next.speaker && next.kind == .direct && previous.kind != .direct
            && next.paragraph - previous.paragraph <= 1
    }

    /// The side of the same speaker's turn on a topic, scaled by `stance.context_factor`, cited by
    /// the strongest contribution of the statement it comes from. `evidence` and `placed`: per
    /// statement, per topic (`i * topics.count + t`); evidence is set on every placed pair.
    private func context(for i: Int, topic t: Int, turns: [Int], evidence: [TopicEvidence?], placed: [Bool]) -> (Double, Evidence)? {
        let n = topics.count
        let donors = turns.indices.filter { j in
            j != i && turns[j] == turns[i] && placed[j * n + t] && abs(evidence[j * n + t]!.score) >= vocabulary.threshold
        }
        guard !donors.isEmpty else { return nil }
        let scores = donors.map { max(-1, min(1, evidence[$0 * n + t]!.score)) }
        let side = scores.reduce(0, +) / Double(scores.count) * vocabulary.contextFactor
        guard abs(side) >= vocabulary.threshold,
              let strongest = donors.flatMap({ evidence[$0 * n + t]!.evidence }).max(by: { abs($0.contribution) < abs($1.contribution) })
        else { return nil }
        return (side, Evidence(rule: "context", location: strongest.location, contribution: side, range: nil))
    }

    /// The statement's tokens with every match of every topic, built once and shared by all topics.
    /// `scratch`: working storage to reuse from one statement to the next (one per thread).
    func view(of statement: Statement, in document: Document, scratch: PhraseTrie.Scratch = PhraseTrie.Scratch()) -> StatementView {
        view(of: Tokenizer.tokenize(document.scalars, in: statement.range), readsFrame: true, scratch: scratch)
    }

    /// `readsFrame`: whether rules start after a negated or denial frame at the start (`frameEnd`).
    func view(of tokens: [Token], readsFrame: Bool, scratch: PhraseTrie.Scratch = PhraseTrie.Scratch()) -> StatementView {
        let words = StatementView.words(tokens)
        return StatementView(tokens: tokens, words: words, matches: matcher.matches(words, scratch: scratch), topicListCount: topicListCount,
                             vocabulary: vocabulary, bodyStart: readsFrame ? frameEnd(tokens, words) : 0)
    }

    /// `t`: the topic's index in `topics`.
    func evaluate(_ statement: Statement, in document: Document, topic t: Int, affiliation: String?,
                  sentences: [Sentence], view given: StatementView? = nil) -> TopicEvidence {
        let view = given ?? self.view(of: statement, in: document)
        let topic = topics[t]
        var e = TopicEvidence(topic: topic, view: view, topicIndex: t,
                              affiliationIsHolder: topic.holderIncludes(affiliation: affiliation))
        applyRules(&e, statement: statement, document: document, topic: t, affiliation: affiliation, sentences: sentences)
        return e
    }

    /// Every rule, in order, on one statement's evidence toward topic `t`.
    func applyRules(_ e: inout TopicEvidence, statement: Statement, document: Document, topic t: Int, affiliation: String?,
                    sentences: [Sentence]) {
        let v = vocabulary
        let base: (inout TopicEvidence) -> Void = { e in
            PredicateRule.apply(&e, vocabulary: v)
            CueRule.apply(&e, vocabulary: v)
            PolarityRule.apply(&e, vocabulary: v)
            AbsenceRule.apply(&e, vocabulary: v)
        }
        FramingRule.apply(&e, vocabulary: v, score: base)
        base(&e)
        NegatedFrameRule.apply(&e, statement: statement, vocabulary: v)
        if statement.rule == "participle_frame", abs(e.score) < v.threshold {
            FramePredicateRule.apply(&e, topic: t, statement: statement, document: document, sentences: sentences, scorer: self,
                                     affiliation: affiliation)
        }
    }

    /// Tokens of a negated or denial frame at the start of the statement ("does not think", "doesn't
    /// believe that", "denied that"): rules read the clause after them, and `NegatedFrameRule`
    /// turns the result. Found by shape, so a bare statement text ("classify") gets it too.
    private func frameEnd(_ tokens: [Token], _ words: [String?]) -> Int {
        var i = 0
        var negated = false
        while i < min(tokens.count, 3), let w = words[i] {
            if vocabulary.negators.match(words, at: i) != nil || w.hasSuffix("n't") {
                negated = true
            } else if !vocabulary.grammar.frameAuxiliaries.contains(w) {
                break
            }
            i += 1
        }
        guard let verb = vocabulary.reportingVerbs.match(words, at: i) else { return 0 }
        let cls = verb.entry.field("class")
        guard (negated && cls == "belief") || (i == 0 && cls == "denial") else { return 0 }
        let end = i + verb.length
        return end < tokens.count && tokens[end].folded == "that" ? end + 1 : end
    }

    func finish(_ statementID: String, _ e: TopicEvidence, inherited: (Double, Evidence)?) -> StatementStance {
        var items = e.evidence
        if let (_, item) = inherited { items.append(item) }
        let raw = items.map(\.contribution).reduce(0, +)
        let score = max(-1, min(1, raw))
        let label: StanceLabel = score >= vocabulary.threshold ? .favor : score <= -vocabulary.threshold ? .against : .none
        let hedge = e.view.hedges.map { $0.entry.number("factor") ?? 1 }.reduce(1, *)
        let deciding = items.filter { $0.contribution != 0 }.count
        var confidence: Double
        if label == .none {
            confidence = 1 - min(1, abs(score) / max(vocabulary.threshold, 1e-9)) * 0.5
        } else {
            confidence = min(1, 0.4 + 0.2 * Double(deciding)) * max(0.4, hedge)
            if inherited != nil { confidence *= vocabulary.contextFactor }
        }
        return StatementStance(statementID: statementID, topic: e.topic.topic.id, label: label, score: score,
                               confidence: min(1, max(0, confidence)), evidence: items)
    }
}
