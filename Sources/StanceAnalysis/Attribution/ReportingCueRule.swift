import StanceCore

/// Rule family: reporting cues. `X said (that) ...`, `X believes ...`, `X told Turan that ...`,
/// `..., X said.` (cue after the clause), `..., arguing that ...` (participle frames) and
/// `X called the plan "..."` (naming frames, mixed statements).
extension AttributionRun {

    mutating func findFrames(in tokens: Range<Int>) -> [Frame] {
        var frames: [Frame] = []
        var i = tokens.lowerBound
        var claimedUntil = tokens.lowerBound
        while i < tokens.upperBound {
            guard i >= claimedUntil, classes[i].contains(.startsReportingVerb), let match = lexicon.reportingVerbs.match(words, at: i),
                  i + match.length <= tokens.upperBound else { i += 1; continue }
            // "said" used as an adjective ("the said agreement") or inside a noun phrase is not a cue.
            if i > tokens.lowerBound, classes[i - 1].contains(.adjectiveMarker) { i += 1; continue }
            if var frame = analyse(cue: i..<(i + match.length), entry: match.entry, sentence: tokens) {
                if let clause = frame.clause { claimedUntil = clause.upperBound }
                if frame.subject == nil, frame.cueClass == "participle" {
                    frame.entity = frames.last(where: { $0.entity != nil })?.entity ?? sentenceSubjectEntity(tokens)
                    frame.link = "participle"
                    frame.subject = frames.last(where: { $0.entity != nil })?.subject
                }
                if frame.entity != nil || frame.clause != nil || frame.introducesQuote != nil { frames.append(frame) }
            }
            i += match.length
        }
        return frames
    }

    /// The person the sentence opens with, resolved (for participle frames: "X defended ..., saying ...").
    mutating func sentenceSubjectEntity(_ tokens: Range<Int>) -> Int? {
        var start = tokens.lowerBound
        // Skip an opening adverbial ("On Monday,") up to the first comma within five tokens.
        if let comma = (start..<min(start + 6, tokens.upperBound)).first(where: { doc.tokens[$0].folded == "," }) {
            if parser.mention(startingAt: start, upper: comma) == nil { start = comma + 1 }
        }
        guard let mention = parser.mention(startingAt: start, upper: tokens.upperBound) else { return nil }
        return resolver.resolve(mention)?.index
    }

    /// Subject, negation and complement of one cue.
    mutating func analyse(cue: Range<Int>, entry: LexiconEntry, sentence: Range<Int>) -> Frame? {
        var frame = Frame(cue: cue, entry: entry, frameStart: cue.lowerBound)
        // Walk left over adverbs, auxiliaries and negators.
        var j = cue.lowerBound - 1
        while j >= sentence.lowerBound, let w = words[j] {
            if classes[j].contains(.frameNegator) || w.hasSuffix("n't") {
                frame.negated = true
            } else if !(classes[j].contains(.frameAdverb) || (w.hasSuffix("ly") && w.count > 4 && !doc.tokens[j].isCapitalized)) {
                break
            }
            frame.frameStart = j
            j -= 1
        }
        if frame.negated && frame.cueClass != "belief" { return nil }  // "did not say whether": no statement
        if frame.cueClass == "denial" {
            frame.negated = true
            frame.frameStart = cue.lowerBound
        }
        let subjectEnd = frame.frameStart
        if let m = subject(endingAt: subjectEnd, cue: cue, sentence: sentence) {
            attach(m, to: &frame)
            frame.inverted = m.mention.tokens.lowerBound >= cue.upperBound
        }
        if !frame.inverted { complement(of: &frame, sentence: sentence) }
        if frame.entity == nil && frame.cueClass != "participle" { return nil }
        return frame
    }

    mutating func attach(_ subject: (mention: Mention, apposition: Mention?), to frame: inout Frame) {
        guard let resolved = resolver.resolve(subject.mention) else { return }
        if let apposition = subject.apposition { resolver.describe(resolved.index, with: apposition) }
        frame.subject = subject.mention
        frame.entity = resolved.index
        frame.link = resolved.link
    }

    /// The speaker phrase before the cue, through appositions and parentheticals between commas
    /// ("Arif Mammadov, Azerbaijan's former ambassador to the EU, said"), or after it when inverted
    /// ("..., said Jane Roe").
    func subject(endingAt end: Int, cue: Range<Int>, sentence: Range<Int>) -> (mention: Mention, apposition: Mention?)? {
        let lower = sentence.lowerBound
        if end > lower, doc.tokens[end - 1].folded == ",", doc.tokens[end - 1].quotation == nil {
            // Inverted after a quotation: `"...," said X`.
            if end - 2 >= lower, doc.tokens[end - 2].quotation != nil {
                return invertedSubject(after: cue, sentence: sentence)
            }
            let c1 = end - 1
            let c0 = previousComma(before: c1, lower: lower)
            let segmentA = (c0.map { $0 + 1 } ?? lower)..<c1
            let a = segmentA.isEmpty ? nil : parser.mention(endingAt: c1, lower: segmentA.lowerBound)
            let aIsWhole = a.map { covers($0, segmentA) && !$0.isTitleObject } ?? false
            // An indefinite description ("a paediatrician at ...") is always an apposition.
            let indefinite = words[segmentA.lowerBound].map { $0 == "a" || $0 == "an" } ?? false
            if let a, aIsWhole, a.kind != .role, !indefinite {
                return (a, c0.flatMap { apposition(before: $0, lower: lower) })
            }
            guard let c0 else { return nil }
            let c00 = previousComma(before: c0, lower: lower)
            let segmentB = (c00.map { $0 + 1 } ?? lower)..<c0
            guard !segmentB.isEmpty, let b = parser.mention(endingAt: c0, lower: segmentB.lowerBound),
                  b.kind != .outlet, b.kind != .document else {
                if let a, aIsWhole { return (a, nil) }
                return nil
            }
            return (b, describedApposition(segmentA))
        }
        if end > lower, let m = parser.mention(endingAt: end, lower: lower), m.kind != .outlet, m.kind != .document {
            return (m, nil)
        }
        if end == lower || doc.tokens[end - 1].quotation != nil {
            return invertedSubject(after: cue, sentence: sentence)
        }
        return nil
    }

    func invertedSubject(after cue: Range<Int>, sentence: Range<Int>) -> (mention: Mention, apposition: Mention?)? {
        guard var m = parser.mention(startingAt: cue.upperBound, upper: sentence.upperBound), m.kind != .outlet else { return nil }
        var apposition: Mention?
        var after = m.tokens.upperBound
        // "said Rovers' manager, Sean Whitley" / "said the club's manager, Sean Whitley": the role
        // phrase comes first and the name after the comma.
        var roleEnd = after
        while roleEnd < sentence.upperBound, doc.tokens[roleEnd].folded != ",", roleEnd - after < 6, doc.tokens[roleEnd].quotation == nil {
            roleEnd += 1
        }
        let rolePhrase = m.phraseStart..<roleEnd
        if m.kind == .role || rolePhrase.contains(where: { parser.isRoleWord($0) }), roleEnd < sentence.upperBound,
           doc.tokens[roleEnd].folded == ",", let name = parser.mention(startingAt: roleEnd + 1, upper: sentence.upperBound),
           name.kind == .name {
            apposition = describedApposition(rolePhrase)
            m = name
            after = name.tokens.upperBound
            return (m, apposition)
        }
        if after < sentence.upperBound, doc.tokens[after].folded == "," {
            let next = nextComma(after: after, upper: sentence.upperBound) ?? sentence.upperBound
            apposition = describedApposition((after + 1)..<next)
        }
        return (m, apposition)
    }

    func covers(_ m: Mention, _ segment: Range<Int>) -> Bool {
        (segment.lowerBound..<m.phraseStart).allSatisfy { classes[$0].contains(.determiner) }
    }

    func previousComma(before index: Int, lower: Int) -> Int? {
        var k = index - 1
        while k >= lower {
            if doc.tokens[k].folded == ",", doc.tokens[k].quotation == nil { return k }
            k -= 1
        }
        return nil
    }

    func nextComma(after index: Int, upper: Int) -> Int? {
        var k = index + 1
        while k < upper {
            if doc.tokens[k].folded == ",", doc.tokens[k].quotation == nil { return k }
            k += 1
        }
        return nil
    }

    /// A role apposition before the name ("Its president, Karel Dusek, said").
    func apposition(before comma: Int, lower: Int) -> Mention? {
        let start = (previousComma(before: comma, lower: lower).map { $0 + 1 }) ?? lower
        return describedApposition(start..<comma)
    }

    /// Roles and affiliation an apposition gives, when it holds a role noun.
    func describedApposition(_ segment: Range<Int>) -> Mention? {
        guard !segment.isEmpty, segment.contains(where: { parser.isRoleWord($0) }) else { return nil }
        var m = Mention(kind: .role, tokens: segment, range: parser.span(segment), text: parser.text(segment), words: [],
                        roles: [], title: nil, affiliation: nil, gender: nil, phraseStart: segment.lowerBound)
        parser.describe(&m, title: segment)
        // A possessive owner before the role is the affiliation ("Azerbaijan's former ambassador").
        if let owner = segment.first(where: { $0 + 1 < segment.upperBound && doc.tokens[$0 + 1].folded == "'s" }),
           doc.tokens[owner].isCapitalized {
            m.affiliation = doc.text(doc.tokens[owner].range)
        }
        return m
    }

    /// Finds what the cue introduces: a clause (after "that", a circumstance phrase, an object of
    /// "told"), a quotation after a colon or comma, or nothing.
    mutating func complement(of frame: inout Frame, sentence: Range<Int>) {
        let end = sentence.upperBound
        var k = frame.cue.upperBound
        guard k < end else { return }
        if frame.cueClass == "naming" {
            namingComplement(of: &frame, from: k, sentence: sentence)
            return
        }
        // The addressee of "told": an outlet, a person or a body ("told Turan", "told reporters").
        if classes[frame.cue.lowerBound].contains(.addresseeVerb), let w = words[k], w != "that" {
            if let thatIndex = (k..<min(k + 15, end)).first(where: { words[$0] == "that" }),
               !(k..<thatIndex).contains(where: { doc.tokens[$0].folded == "," || doc.tokens[$0].folded == ":" }) {
                k = thatIndex
            } else if let m = parser.mention(startingAt: k, upper: end) {
                k = m.tokens.upperBound
            } else {
                k += 1
            }
        }
        // A circumstance phrase before "that": "said on Monday that", "stated during a hearing on "X" that".
        if k < end, let w = words[k], classes[k].contains(.circumstanceOpener) || doc.tokens[k].isCapitalized && w != "that" {
            var n = k
            while n < min(k + 20, end), doc.tokens[n].folded != ":", doc.tokens[n].folded != ".", words[n] != "that" {
                if let q = doc.tokens[n].quotation, doc.quotations[q].role == .quotation { break }
                n += 1
            }
            if n < end, words[n] == "that" {
                k = n
            } else if n < end, doc.tokens[n].folded == ":" || doc.tokens[n].quotation != nil {
                // "wrote on X: "..."", "said in a statement: "...""
                k = doc.tokens[n].folded == ":" ? n : n - 1
                if doc.tokens[n].quotation != nil, let q = doc.tokens[n].quotation, doc.quotations[q].role == .quotation {
                    frame.introducesQuote = q
                    return
                }
            } else if frame.acceptsBareClause {
                // A short time phrase before a bare clause: "said on Wednesday it would cut ...".
                for skip in 1...3 where k + skip < end {
                    if !classes[k + skip].isDisjoint(with: [.subjectPronoun, .determiner]),
                       looksLikeClause(from: k + skip, upper: end) {
                        k += skip
                        break
                    }
                }
            }
        }
        guard k < end else { return }
        let token = doc.tokens[k]
        if words[k] == "that" {
            frame.clause = clause(from: k + 1, sentence: sentence, frame: &frame)
            return
        }
        if token.folded == ":" || token.folded == ",", k + 1 < end, let q = doc.tokens[k + 1].quotation,
           doc.quotations[q].range.start == doc.tokens[k + 1].range.start {
            frame.introducesQuote = q
            return
        }
        if let q = token.quotation, doc.quotations[q].range.start == token.range.start, doc.quotations[q].role != .scareOrTitle {
            frame.introducesQuote = q
            return
        }
        if classes[k].contains(.clauseStopper) { return }
        if frame.acceptsBareClause, words[k] != nil, looksLikeClause(from: k, upper: end) {
            frame.clause = clause(from: k, sentence: sentence, frame: &frame)
        } else if frame.entry.field("bare_clause") == "to", words[k] != nil,
                  (k..<min(k + 8, end)).contains(where: { words[$0] == "to" && $0 > k }) {
            // "expects the merger to close", "urged the council to reject the plan".
            frame.clause = clause(from: k, sentence: sentence, frame: &frame)
        }
    }

    /// A bare complement is a clause when it opens with a subject pronoun or holds an auxiliary,
    /// modal or copula before its first comma ("said the plan would fail"; not "thinks otherwise").
    func looksLikeClause(from k: Int, upper: Int) -> Bool {
        guard words[k] != nil else { return false }
        if classes[k].contains(.subjectPronoun) { return true }
        var n = k
        while n < min(upper, k + 25) {
            if let w = words[n] {
                if classes[n].contains(.clauseMarker) { return true }
                if n > k, w.hasSuffix("ed") || w.hasSuffix("es"), w.count > 4, !doc.tokens[n].isCapitalized,
                   words[n - 1] != nil, !classes[n - 1].contains(.determiner) { return true }
            } else if doc.tokens[n].folded == ":" || doc.tokens[n].folded == "." {
                break
            }
            n += 1
        }
        return false
    }

    /// The clause from `start` to the sentence end, a colon that introduces a quotation, or a
    /// participle frame (", arguing that ...") that starts its own statement.
    func clause(from start: Int, sentence: Range<Int>, frame: inout Frame) -> Range<Int>? {
        var n = start
        while n < sentence.upperBound {
            let t = doc.tokens[n]
            if t.quotation == nil {
                if t.folded == ":" {
                    if n + 1 < sentence.upperBound, let q = doc.tokens[n + 1].quotation { frame.introducesQuote = q }
                    break
                }
                if t.folded == ",", n + 1 < sentence.upperBound,
                   classes[n + 1].contains(.startsReportingVerb), let m = lexicon.reportingVerbs.match(words, at: n + 1),
                   m.entry.field("class") == "participle" {
                    break
                }
                // ", she said." closing the sentence belongs to the frame, not the clause.
                if t.folded == ",", n + 1 < sentence.upperBound, isTrailingCue(from: n + 1, sentence: sentence) { break }
                // `... "catastrophic" and promised a legal challenge`: a second verb of the speaker's
                // after a quotation starts a new predicate, not more of the clause.
                if words[n] == "and", n > start, doc.tokens[n - 1].quotation != nil, n + 1 < sentence.upperBound,
                   let verb = words[n + 1], verb.hasSuffix("ed") || classes[n + 1].contains(.reportingVerb) {
                    break
                }
            }
            n += 1
        }
        return start < n ? start..<n : nil
    }

    /// True when the tokens from `k` are a short "X said." or "said X." closing the sentence.
    func isTrailingCue(from k: Int, sentence: Range<Int>) -> Bool {
        let rest = k..<sentence.upperBound
        guard rest.count <= 8, rest.allSatisfy({ doc.tokens[$0].quotation == nil }) else { return false }
        return rest.contains {
            classes[$0].contains(.startsReportingVerb) && lexicon.reportingVerbs.match(words, at: $0)?.entry.field("class") == "speech"
        }
    }

    /// True when nothing but an addressee, a circumstance phrase or a participle frame follows the
    /// cue ("..., Roe said.", "..., she told reporters on Monday.", "..., he said, pointing to ...").
    func closesSentence(_ frame: Frame, sentence: Range<Int>) -> Bool {
        var k = frame.cue.upperBound
        if let subject = frame.subject, subject.tokens.lowerBound >= k { k = subject.tokens.upperBound }
        let isAddressee = classes[frame.cue.lowerBound].contains(.addresseeVerb)
        if isAddressee, k < sentence.upperBound, let m = parser.mention(startingAt: k, upper: sentence.upperBound) {
            k = m.tokens.upperBound
        } else if isAddressee, k < sentence.upperBound, words[k] != nil {
            k += 1
        }
        guard k < sentence.upperBound else { return true }
        let t = doc.tokens[k]
        if t.kind == .punctuation && (t.folded == "." || t.folded == "!" || t.folded == "?") { return k + 1 >= sentence.upperBound || doc.tokens[k + 1].kind == .quoteMark }
        if t.folded == ",", k + 1 < sentence.upperBound {
            return classes[k + 1].contains(.startsReportingVerb) && lexicon.reportingVerbs.match(words, at: k + 1)?.entry.field("class") == "participle"
                || (words[k + 1].map { $0.hasSuffix("ing") } ?? false)
        }
        if classes[k].contains(.circumstanceOpener) {
            return !(k..<sentence.upperBound).contains { words[$0] == "that" }
        }
        return false
    }

    /// `X called the plan "a tax on ..."`: the object and the quoted words make one mixed statement.
    func namingComplement(of frame: inout Frame, from k: Int, sentence: Range<Int>) {
        var n = k
        while n < min(k + 8, sentence.upperBound), doc.tokens[n].quotation == nil { n += 1 }
        guard n < sentence.upperBound, let q = doc.tokens[n].quotation, doc.quotations[q].role != .scareOrTitle else { return }
        var e = n
        while e < sentence.upperBound, doc.tokens[e].quotation == q { e += 1 }
        frame.clause = k..<e
    }

    /// Turns a frame's reported clause into a statement, and a clause-less cue closing a sentence
    /// into a statement of what precedes it (`The plan will fail, Roe said.`).
    mutating func emitReported(_ frame: Frame, paragraph: Int, sentence: Range<Int>) {
        guard let entity = frame.entity else { return }
        let mention = frame.subject?.text ?? ""
        let cue = parser.text(frame.cue)
        if let clause = frame.clause {
            let start = frame.negated ? frame.frameStart : clause.lowerBound
            guard let range = clauseRange(start..<clause.upperBound) else { return }
            let hasQuote = clause.contains { doc.tokens[$0].quotation != nil }
            let rule = frame.cueClass == "naming" ? "naming_frame" : frame.cueClass == "participle" ? "participle_frame"
                : frame.negated ? "negated_frame" : frame.rule.isEmpty ? "reported_speech" : frame.rule
            record(range, paragraph: paragraph, kind: hasQuote ? .mixed : .indirect, entity: entity, mention: mention, cue: cue,
                   rule: rule, link: frame.link)
            return
        }
        // Cue after the clause: "<clause>, X said." with the clause outside quotation marks.
        guard frame.introducesQuote == nil, frame.cueClass == "speech" || frame.cueClass == "belief",
              let subject = frame.subject else { return }
        guard closesSentence(frame, sentence: sentence) else { return }
        var phraseStart = min(subject.phraseStart, frame.frameStart)
        // "..., water board chair Ahmed Saleh said": up to three modifiers before the title.
        for _ in 0..<3 where phraseStart > sentence.lowerBound && words[phraseStart - 1] != nil
            && !doc.tokens[phraseStart - 1].isCapitalized {
            phraseStart -= 1
        }
        guard phraseStart > sentence.lowerBound, doc.tokens[phraseStart - 1].folded == "," else { return }
        let region = sentence.lowerBound..<(phraseStart - 1)
        guard !region.contains(where: { doc.tokens[$0].quotation.map { doc.quotations[$0].role == .quotation } ?? false }),
              looksLikeClause(from: region.lowerBound, upper: region.upperBound) || region.count >= 6,
              let range = clauseRange(region) else { return }
        let hasQuote = region.contains { doc.tokens[$0].quotation != nil }
        record(range, paragraph: paragraph, kind: hasQuote ? .mixed : .indirect, entity: entity, mention: mention, cue: cue,
               rule: "cue_after_clause", link: frame.link)
    }
}
