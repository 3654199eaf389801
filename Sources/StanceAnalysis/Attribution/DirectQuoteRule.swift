import StanceCore

/// Rule family: direct quotations. A quotation takes the speaker of the frame that introduces it
/// (`X said: "..."`) or follows it (`"...," X said.`); a split quotation's second part and the
/// later quotations of the same sentence take the speaker of the first; a quotation with no frame
/// of its own takes the speaker handed on by a colon, or floats to the last speaker when it opens
/// a paragraph or sentence soon after them.
extension AttributionRun {
    mutating func attributeQuotations(in tokens: Range<Int>, sentence s: Int, frames: [Frame]) {
        let range = doc.sentences[s].range
        let paragraph = doc.sentences[s].paragraph
        // The sentence's tokens know their quotations: no scan over the document's quotations.
        var indices: [Int] = []
        for t in tokens {
            if let q = doc.tokens[t].quotation, indices.last != q, doc.quotations[q].role == .quotation,
               range.contains(doc.quotations[q].range.start) {
                indices.append(q)
            }
        }
        var sentenceSpeaker: (entity: Int, mention: String, link: String)?
        var pending: [Int] = []
        for q in indices where !attributedQuotes.contains(q) {
            let quotation = doc.quotations[q]
            if let frame = frames.first(where: { $0.introducesQuote == q && $0.entity != nil }) {
                emitQuote(q, paragraph: paragraph, entity: frame.entity!, mention: frame.subject?.text ?? "", cue: parser.text(frame.cue),
                          rule: "leading_frame", link: frame.link)
                sentenceSpeaker = (frame.entity!, frame.subject?.text ?? "", frame.link)
            } else if let frame = trailingFrame(for: quotation, frames: frames, in: tokens) {
                emitQuote(q, paragraph: paragraph, entity: frame.entity!, mention: frame.subject?.text ?? "", cue: parser.text(frame.cue),
                          rule: "trailing_frame", link: frame.link)
                sentenceSpeaker = (frame.entity!, frame.subject?.text ?? "", frame.link)
                for p in pending {
                    emitQuote(p, paragraph: paragraph, entity: frame.entity!, mention: frame.subject?.text ?? "", cue: "split",
                              rule: "split_quote", link: frame.link)
                }
                pending = []
            } else if let dashed = dashAttribution(after: quotation, in: tokens) {
                emitQuote(q, paragraph: paragraph, entity: dashed.index, mention: dashed.mention, cue: "\u{2014}",
                          rule: "dash_attribution", link: dashed.link)
                sentenceSpeaker = (dashed.index, dashed.mention, dashed.link)
            } else if let speaker = sentenceSpeaker {
                emitQuote(q, paragraph: paragraph, entity: speaker.entity, mention: speaker.mention, cue: "split", rule: "split_quote",
                          link: speaker.link)
            } else {
                pending.append(q)
            }
        }
        for q in pending { attributeWithoutFrame(q, sentence: s) }
    }

    /// A frame right after the quotation: only punctuation between the closing mark and the frame.
    private func trailingFrame(for quotation: Quotation, frames: [Frame], in tokens: Range<Int>) -> Frame? {
        for frame in frames where frame.entity != nil && frame.clause == nil && frame.introducesQuote == nil {
            let start = min(frame.subject?.phraseStart ?? frame.frameStart, frame.frameStart)
            guard doc.tokens[frame.cue.lowerBound].range.start > quotation.range.end else { continue }
            let between = tokens.filter { doc.tokens[$0].range.start >= quotation.range.end && $0 < start }
            if between.allSatisfy({ doc.tokens[$0].kind == .punctuation && doc.tokens[$0].quotation == nil }) { return frame }
        }
        return nil
    }

    /// `"..." — Jane Roe, in a statement` / `"..." -Commissioner Roe`.
    private mutating func dashAttribution(after quotation: Quotation, in tokens: Range<Int>) -> (index: Int, mention: String, link: String)? {
        guard let dash = tokens.first(where: { doc.tokens[$0].range.start >= quotation.range.end }),
              ["\u{2014}", "\u{2013}", "-"].contains(doc.tokens[dash].folded), dash + 1 < tokens.upperBound,
              let mention = parser.mention(startingAt: dash + 1, upper: tokens.upperBound),
              mention.kind != .outlet, mention.kind != .document, let resolved = resolver.resolve(mention) else { return nil }
        if let comma = (mention.tokens.upperBound..<tokens.upperBound).first, doc.tokens[comma].folded == ",",
           let apposition = describedApposition((comma + 1)..<(nextComma(after: comma, upper: tokens.upperBound) ?? tokens.upperBound)) {
            resolver.describe(resolved.index, with: apposition)
        }
        return (resolved.index, mention.text, resolved.link)
    }

    private mutating func attributeWithoutFrame(_ q: Int, sentence s: Int) {
        let quotation = doc.quotations[q]
        let paragraph = quotation.paragraph
        if let colon = colonSpeaker {
            emitQuote(q, paragraph: paragraph, entity: colon.entity, mention: colon.mention, cue: ":", rule: "colon_quote", link: "colon")
            return
        }
        // Floating: the quotation opens its sentence and the last speaker spoke recently.
        let sentenceStart = doc.sentences[s].range.start
        // The last speaker, or a person who became the subject since ("Professor X described the results.").
        var candidate = lastSpeaker
        if let subject = lastSubject, subject.paragraph >= (candidate?.paragraph ?? -1), subject.entity != candidate?.entity {
            candidate = subject
        }
        guard quotation.range.start == sentenceStart || quotation.continuesPrevious, let last = candidate,
              paragraph - last.paragraph <= lexicon.floatingParagraphs else { return }
        emitQuote(q, paragraph: paragraph, entity: last.entity, mention: last.mention, cue: "floating", rule: "floating_quote",
                  link: "floating")
    }

    private mutating func emitQuote(_ q: Int, paragraph: Int, entity: Int, mention: String, cue: String, rule: String, link: String) {
        attributedQuotes.insert(q)
        record(doc.quotations[q].inner, paragraph: doc.quotations[q].paragraph, kind: .direct, entity: entity, mention: mention,
               cue: cue, rule: rule, link: link)
        // The rest of a multi-paragraph quotation belongs to the same speaker.
        var next = q + 1
        while doc.quotations[next - 1].continuesNext, next < doc.quotations.count, doc.quotations[next].continuesPrevious {
            attributedQuotes.insert(next)
            record(doc.quotations[next].inner, paragraph: doc.quotations[next].paragraph, kind: .direct, entity: entity,
                   mention: mention, cue: cue, rule: "multi_paragraph_quote", link: link)
            next += 1
        }
    }
}
