import StanceCore

/// Rule family: explicit disagreement. "X thinks otherwise", "X dismissed that argument", "X
/// rejected the claim": X disagrees with the speaker quoted just before (a different person).
extension AttributionRun {
    mutating func findDisagreements(in tokens: Range<Int>) {
        var i = tokens.lowerBound
        while i < tokens.upperBound {
            guard classes[i].contains(.startsDisagreement), let match = lexicon.disagreement.match(words, at: i) else { i += 1; continue }
            if let subject = parser.mention(endingAt: i, lower: tokens.lowerBound), subject.kind != .outlet,
               let resolved = resolver.resolve(subject) {
                let target = drafts.last(where: { $0.entity != resolved.index })?.entity
                let range = TextRange(doc.tokens[subject.phraseStart].range.start, doc.tokens[i + match.length - 1].range.end)
                disagreements.append((resolved.index, target, range, match.entry))
            }
            i += match.length
        }
    }
}
