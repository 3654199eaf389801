/// MPQA subjectivity clues (`subjclues...tff`): one clue per line as `key=value` pairs, e.g.
/// `type=strongsubj len=1 word1=abandoned pos1=adj stemmed1=n priorpolarity=negative`.
/// `stemmed1=y` means every inflection of the word: written here as a prefix (`abandon*`).
enum MPQAFormat {
    /// strongsubj clues get `weight`, weaksubj half of it; `weakneg`/`weakpos` are weak whatever
    /// the type. `neutral` and `both` carry no polarity and are reported.
    static func read(_ text: String, file: String, weight: Double) -> ForeignLexicon {
        var lexicon = ForeignLexicon()
        for (offset, line) in TextLines.split(text).enumerated() where !TextLines.isBlank(line) {
            let number = offset + 1
            if TextLines.trimmed(line).hasPrefix("#") { continue }
            func note(_ code: ImportNote.Code, _ message: String) {
                lexicon.notes.append(ImportNote(file: file, line: number, code, message))
            }
            var pairs: [String: String] = [:]
            var stray: String?
            for field in line.split(whereSeparator: \.isWhitespace) {
                guard let equals = field.firstIndex(of: "="), equals != field.startIndex else { stray = String(field); break }
                pairs[String(field[..<equals])] = String(field[field.index(after: equals)...])
            }
            if let stray {
                note(.unparsable, "\"\(stray)\" is not a key=value pair")
                continue
            }
            guard let word = pairs["word1"], !word.isEmpty else {
                note(.unparsable, "no word1=...")
                continue
            }
            guard let prior = pairs["priorpolarity"] else {
                note(.unparsable, "no priorpolarity=... for \"\(word)\"")
                continue
            }
            let strong: Bool
            switch pairs["type"] {
            case "strongsubj": strong = true
            case "weaksubj": strong = false
            default:
                note(.unparsable, "type=\(pairs["type"] ?? "") for \"\(word)\": expected strongsubj or weaksubj")
                continue
            }
            let full = strong ? weight : weight / 2
            let polarity: Double
            switch prior {
            case "positive": polarity = full
            case "negative": polarity = -full
            case "weakpos": polarity = weight / 2
            case "weakneg": polarity = -weight / 2
            case "neutral", "both":
                note(.noPolarity, "\"\(word)\" has priorpolarity=\(prior): no direction to import")
                continue
            default:
                note(.unparsable, "priorpolarity=\(prior) for \"\(word)\": expected positive, negative, weakpos, weakneg, neutral or both")
                continue
            }
            let stemmed: Bool
            switch pairs["stemmed1"] ?? "n" {
            case "y": stemmed = true
            case "n": stemmed = false
            case let other:
                note(.unparsable, "stemmed1=\(other) for \"\(word)\": expected y or n")
                continue
            }
            lexicon.entries.append(ForeignEntry(term: stemmed ? word + "*" : word, polarity: polarity, line: number))
        }
        return lexicon
    }
}
