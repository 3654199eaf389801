import StanceCore

/// Rule family: source frames. `According to X, ...` (X a person or organisation, never an outlet
/// or a document; and not when the clause has its own reporting cue: "According to TASS, Shoigu
/// stated ..."), `In his opinion, ...`, `In Roe's view, ...`, and `..., according to X.` at the end.
extension AttributionRun {
    mutating func sourceFrames(in tokens: Range<Int>, existing: [Frame]) -> [Frame] {
        var frames: [Frame] = []
        var i = tokens.lowerBound
        while i < tokens.upperBound {
            guard classes[i].contains(.startsSourceFrame), let match = lexicon.sourceFrames.match(words, at: i) else { i += 1; continue }
            let kind = match.entry.field("frame")
            if kind == "according", let frame = according(at: i, length: match.length, entry: match.entry, sentence: tokens, existing: existing) {
                frames.append(frame)
            } else if kind == "possessive_noun", let frame = possessiveFrame(nounAt: i, entry: match.entry, sentence: tokens) {
                frames.append(frame)
            }
            i += match.length
        }
        return frames
    }

    private mutating func according(at i: Int, length: Int, entry: LexiconEntry, sentence: Range<Int>,
                                    existing: [Frame]) -> Frame? {
        let sourceStart = i + length
        let comma = nextComma(after: i, upper: sentence.upperBound)
        // The source runs to the comma (frame first) or to the sentence end (frame last).
        let atEnd = comma == nil || (i > sentence.lowerBound && doc.tokens[i - 1].folded == ",")
        var sourceEnd = comma ?? sentence.upperBound
        if atEnd {
            sourceEnd = sentence.upperBound
            while sourceEnd > sourceStart, words[sourceEnd - 1] == nil { sourceEnd -= 1 }
        }
        guard sourceEnd > sourceStart, let mention = parser.mention(endingAt: sourceEnd, lower: sourceStart),
              covers(mention, sourceStart..<sourceEnd) else { return nil }
        if mention.kind == .outlet || mention.kind == .document { return nil }
        // People take no article: "according to the Chronicle" cites a publication.
        if mention.kind == .name, mention.tokens.lowerBound > sourceStart, words[mention.tokens.lowerBound - 1] == "the",
           mention.title == nil { return nil }
        if let head = mention.words.last, lexicon.documents.contains(word: head), mention.kind != .name { return nil }
        var frame = Frame(cue: i..<(i + length), entry: entry, frameStart: i)
        frame.rule = "according_to"
        let clause: Range<Int>
        if atEnd {
            guard i - 1 > sentence.lowerBound else { return nil }
            clause = sentence.lowerBound..<(i - 1)
        } else {
            guard let comma else { return nil }
            // "According to Inspector Brody, who led the inquiry, the driver ...": an apposition or
            // relative clause after the source is not part of what they said.
            var clauseStart = comma + 1
            if words[clauseStart] != nil, classes[clauseStart].contains(.appositionOpener) || parser.isRoleWord(clauseStart),
               let next = nextComma(after: clauseStart, upper: sentence.upperBound) {
                clauseStart = next + 1
            }
            var stop = clauseStart
            while stop < sentence.upperBound {
                let t = doc.tokens[stop]
                if t.quotation == nil, t.folded == ":" { break }
                stop += 1
            }
            clause = clauseStart..<stop
            if stop < sentence.upperBound, stop + 1 < sentence.upperBound, let q = doc.tokens[stop + 1].quotation {
                frame.introducesQuote = q
            }
        }
        // The clause has its own speaker: the frame only names the outlet's source.
        if existing.contains(where: { clause.contains($0.cue.lowerBound) && $0.entity != nil }) { return nil }
        guard let resolved = resolver.resolve(mention) else { return nil }
        frame.subject = mention
        frame.entity = resolved.index
        frame.link = resolved.link
        frame.clause = clause
        return frame
    }

    /// "In his opinion," / "In Roe's view,": the owner of the noun is the speaker.
    private mutating func possessiveFrame(nounAt n: Int, entry: LexiconEntry, sentence: Range<Int>) -> Frame? {
        guard n + 1 < sentence.upperBound, doc.tokens[n + 1].folded == ",", n - 2 >= sentence.lowerBound else { return nil }
        var ownerEnd = n
        let mention: Mention
        if let w = words[n - 1], classes[n - 1].contains(.possessivePronoun), words[n - 2] == "in" {
            guard let p = lexicon.pronouns.entry(word: w) else { return nil }
            mention = Mention(kind: .pronoun, tokens: (n - 1)..<n, range: doc.tokens[n - 1].range, text: parser.text((n - 1)..<n),
                              words: [w], roles: [], title: nil, affiliation: nil, gender: p.field("gender").flatMap(\.first),
                              phraseStart: n - 1)
        } else if words[n - 1] == "'s" {
            ownerEnd = n - 1
            guard let m = parser.mention(endingAt: ownerEnd, lower: sentence.lowerBound), m.phraseStart > sentence.lowerBound,
                  words[m.phraseStart - 1] == "in" else { return nil }
            mention = m
        } else {
            return nil
        }
        var stop = n + 2
        while stop < sentence.upperBound, !(doc.tokens[stop].folded == ":" && doc.tokens[stop].quotation == nil) { stop += 1 }
        guard let resolved = resolver.resolve(mention) else { return nil }
        var frame = Frame(cue: (mention.phraseStart - 1)..<(n + 1), entry: entry, frameStart: mention.phraseStart - 1)
        frame.subject = mention
        frame.entity = resolved.index
        frame.link = resolved.link
        frame.clause = (n + 2)..<stop
        frame.rule = "source_frame"
        if stop + 1 < sentence.upperBound, let q = doc.tokens[stop + 1].quotation { frame.introducesQuote = q }
        return frame
    }
}
