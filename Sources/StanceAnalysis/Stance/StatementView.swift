import StanceCore

/// One statement's tokens with every lexicon match the stance rules need, found once and shared
/// by every topic and rule (a class: rules read it on every topic without copying its lists).
final class StatementView {
    struct Hit {
        let start: Int
        let length: Int
        let entry: LexiconEntry
        var end: Int { start + length }
        var tokens: Range<Int> { start..<end }
    }

    let tokens: [Token]
    let words: [String?]
    /// Clause ranges: split at sentence ends, `;`, `:`, dashes and contrast markers.
    let clauses: [Range<Int>]
    /// Weight of each clause (contrast: the asserted part weighs more than the conceded one).
    let clauseWeights: [Double]
    let sentences: [Range<Int>]
    /// First token after a negated or denial frame ("does not think"): rules start there.
    let bodyStart: Int

    let negators: [Hit]
    let intensifiers: [Hit]
    let diminishers: [Hit]
    let hedges: [Hit]
    let polarity: [Hit]
    let predicates: [Hit]
    let qualifiers: [Hit]
    let absence: [Hit]
    let objectReferences: [Hit]
    let selfReferences: [Hit]
    let terminators: [Hit]
    let possessedOthers: [Hit]
    /// The framing rule's lists: the same on every topic, so matched once with the others.
    let judgements: [Hit]
    let framingOpeners: [Hit]
    let prefixFramings: [Hit]
    let rebuttals: [Hit]
    /// Per topic (the scorer's order), the matches of its lists (`CompiledTopic.lists`).
    let topicMatches: [[[Hit]]]

    /// The words rules match: quote marks are transparent ("not up for negotiation." still reads
    /// as words), other punctuation stops a phrase.
    static func words(_ tokens: [Token]) -> [String?] {
        tokens.map { $0.isWord ? $0.folded : nil }
    }

    /// `matched`: the matches of `StanceVocabulary.viewLists`, then of each topic's lists, in one pass.
    init(tokens: [Token], words: [String?], matched: [[Hit]], topicListCount: Int, vocabulary v: StanceVocabulary, bodyStart: Int) {
        self.tokens = tokens
        self.bodyStart = bodyStart
        self.words = words
        let viewListCount = v.viewLists.count
        topicMatches = stride(from: viewListCount, to: matched.count, by: topicListCount).map { Array(matched[$0..<($0 + topicListCount)]) }
        // Order of `StanceVocabulary.viewLists`.
        let (negatorHits, intensifierHits, diminisherHits, hedgeHits, polarityHits, predicateHits, qualifierHits, absenceHits,
             objectReferenceHits, selfReferenceHits, fixed, contrastHits) = (matched[0], matched[1], matched[2], matched[3],
             matched[4], matched[5], matched[6], matched[7], matched[8], matched[9], matched[10], matched[11])
        terminators = matched[12]
        possessedOthers = matched[13]
        judgements = matched[14]
        framingOpeners = matched[15]
        prefixFramings = matched[16]
        rebuttals = matched[17]
        // Fixed phrases whose negator or contrast word is not one ("no doubt", "not only", "all but").
        func cancelled(_ hit: Hit, _ kind: String) -> Bool {
            fixed.contains { f in f.tokens.contains(hit.start) && (f.entry.field("cancels") == kind || f.entry.field("cancels") == "both") }
        }
        negators = negatorHits.filter { !cancelled($0, "negation") }
        intensifiers = intensifierHits
        diminishers = diminisherHits
        hedges = hedgeHits
        polarity = polarityHits
        predicates = predicateHits
        qualifiers = qualifierHits
        absence = absenceHits
        objectReferences = objectReferenceHits
        selfReferences = selfReferenceHits

        var sentenceRanges: [Range<Int>] = []
        var clauseRanges: [Range<Int>] = []
        var weights: [Double] = []
        var sentenceStart = 0
        var clauseStart = 0
        var pendingWeight = 1.0
        // Left to right and not overlapping, as the loop below meets them.
        let contrasts = contrastHits.filter { !cancelled($0, "contrast") }
        var nextContrast = 0
        var concessionUntilComma = false
        var i = 0
        func closeClause(at end: Int) {
            if end > clauseStart {
                clauseRanges.append(clauseStart..<end)
                weights.append(pendingWeight)
            }
            clauseStart = end
        }
        while i < tokens.count {
            while nextContrast < contrasts.count, contrasts[nextContrast].start < i { nextContrast += 1 }
            let contrastHere = nextContrast < contrasts.count && contrasts[nextContrast].start == i ? contrasts[nextContrast] : nil
            let t = tokens[i]
            if t.kind == .punctuation, [".", "!", "?", ";", ":", "\u{2014}", "\u{2013}"].contains(t.folded) {
                closeClause(at: i + 1)
                pendingWeight = 1
                concessionUntilComma = false
                if [".", "!", "?"].contains(t.folded) {
                    sentenceRanges.append(sentenceStart..<(i + 1))
                    sentenceStart = i + 1
                }
            } else if t.folded == ",", concessionUntilComma {
                closeClause(at: i + 1)
                pendingWeight = v.contrastWeight
                concessionUntilComma = false
            } else if t.folded == ",", i + 1 < tokens.count, v.grammar.coordinators.contains(tokens[i + 1].folded) {
                // ", and ..." starts a new clause: a negation before it does not reach past it.
                closeClause(at: i + 1)
            } else if let c = contrastHere {
                if c.entry.field("asserted") == "after" {
                    // The part before the marker is conceded, the part after asserted.
                    closeClause(at: i)
                    for k in weights.indices where clauseRanges[k].lowerBound >= sentenceStart { weights[k] /= v.contrastWeight }
                    pendingWeight = v.contrastWeight
                } else {
                    closeClause(at: i)
                    pendingWeight = 1 / v.contrastWeight
                    concessionUntilComma = true
                }
                i += c.length
                continue
            }
            i += 1
        }
        closeClause(at: tokens.count)
        if sentenceStart < tokens.count { sentenceRanges.append(sentenceStart..<tokens.count) }
        clauses = clauseRanges
        clauseWeights = weights
        sentences = sentenceRanges
    }

    func clause(of index: Int) -> Int? { clauses.firstIndex { $0.contains(index) } }

    /// The factor of intensifiers and diminishers right before `index` (within two words).
    func intensity(before index: Int) -> (factor: Double, hits: [Hit]) {
        var factor = 1.0
        var used: [Hit] = []
        for h in intensifiers + diminishers where h.end <= index && h.end >= index - 2 {
            factor *= h.entry.number("factor") ?? 1
            used.append(h)
        }
        return (factor, used)
    }

    /// The negator that governs `index`: in the same clause, after `floor`, before `index`.
    func negator(before index: Int, floor: Int) -> Hit? {
        guard let c = clause(of: index) else { return nil }
        let lower = max(clauses[c].lowerBound, floor, bodyStart)
        return negators.last { $0.start >= lower && $0.end <= index }
    }

    func range(_ hit: Hit) -> TextRange {
        TextRange(tokens[hit.start].range.start, tokens[hit.end - 1].range.end)
    }
}
