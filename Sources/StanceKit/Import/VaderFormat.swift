/// VADER's `vader_lexicon.txt`: one token per line, TAB-separated from its mean valence (human
/// ratings from -4, extremely negative, to +4, extremely positive), the ratings' standard deviation
/// and the ten raw ratings. Tokens include emoticons (`:-)`, `</3`) and slang; `*` is a character.
enum VaderFormat {
    /// polarity = weight x mean / 2, within [-1, 1]: a mean of about 2 (VADER's "good" is 1.9)
    /// gives a plain evaluative word's weight.
    static func read(_ text: String, file: String, weight: Double) -> ForeignLexicon {
        var lexicon = ForeignLexicon()
        for (offset, line) in TextLines.split(text).enumerated() where !TextLines.isBlank(line) {
            let number = offset + 1
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            let token = TextLines.trimmed(fields[0])
            guard fields.count >= 2, !token.isEmpty else {
                lexicon.notes.append(ImportNote(file: file, line: number, .unparsable,
                                                "expected \"token<TAB>mean<TAB>...\", found no TAB-separated mean"))
                continue
            }
            let rawMean = TextLines.trimmed(fields[1])
            guard let mean = Double(rawMean), mean.isFinite else {
                lexicon.notes.append(ImportNote(file: file, line: number, column: fields[0].count + 2, .unparsable,
                                                "mean \"\(rawMean)\" is not a number"))
                continue
            }
            guard (-4...4).contains(mean) else {
                lexicon.notes.append(ImportNote(file: file, line: number, column: fields[0].count + 2, .unparsable,
                                                "mean \(rawMean) is outside VADER's scale -4...+4"))
                continue
            }
            let polarity = min(1, max(-1, weight * mean / 2))
            lexicon.entries.append(ForeignEntry(term: token, polarity: polarity, line: number,
                                                column: TextLines.firstColumn(line), literalStar: true))
        }
        return lexicon
    }
}
