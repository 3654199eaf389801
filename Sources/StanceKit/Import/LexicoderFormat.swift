/// Lexicoder dictionaries, as `.lc3` files (a `+CATEGORY` line, then one word or phrase per line
/// until the next category) or as the WordStat `.cat` export of the same dictionaries (category
/// names at the left margin, entries indented below them, each ending in a weight such as `(1)`;
/// subcategories indented too). Entries are often upper case (`ABANDON*`); `*` ends a prefix.
/// WordStat weights are dropped: our polarity comes from the category.
enum LexicoderFormat {
    static func read(_ text: String, file: String) throws -> ForeignLexicon {
        let lines = TextLines.split(text)
        guard let first = lines.firstIndex(where: { !TextLines.isBlank($0) }) else {
            throw ImportError.unrecognised(path: file, line: 1, reason: "no category and no entry")
        }
        if TextLines.trimmed(lines[first]).hasPrefix("+") { return readLC3(lines, file: file) }
        if lines[first].first?.isWhitespace == false, weight(of: lines[first]) == nil {
            return readWordStat(lines, file: file)
        }
        throw ImportError.unrecognised(path: file, line: first + 1,
                                       reason: "a Lexicoder file starts with a \"+CATEGORY\" line (.lc3) or a category name at the left margin (WordStat .cat)")
    }

    private static func readLC3(_ lines: [Substring], file: String) -> ForeignLexicon {
        var lexicon = ForeignLexicon()
        var category = ""
        for (offset, line) in lines.enumerated() where !TextLines.isBlank(line) {
            let text = TextLines.trimmed(line)
            if text.hasPrefix("+") {
                category = TextLines.trimmed(text.dropFirst())
                if category.isEmpty {
                    lexicon.notes.append(ImportNote(file: file, line: offset + 1, .unparsable, "\"+\" without a category name"))
                } else {
                    lexicon.define(category, line: offset + 1)
                }
                continue
            }
            guard !category.isEmpty else {
                lexicon.notes.append(ImportNote(file: file, line: offset + 1, .unparsable, "an entry under no category"))
                continue
            }
            lexicon.entries.append(ForeignEntry(term: text, category: category, line: offset + 1, column: TextLines.firstColumn(line)))
        }
        return lexicon
    }

    private static func readWordStat(_ lines: [Substring], file: String) -> ForeignLexicon {
        var lexicon = ForeignLexicon()
        var path: [(indent: Int, name: String)] = []
        for (offset, line) in lines.enumerated() where !TextLines.isBlank(line) {
            let indent = line.prefix(while: \.isWhitespace).reduce(0) { $0 + ($1 == "\t" ? 2 : 1) }
            if let (term, _) = weight(of: line) {
                guard let category = path.last, category.indent < indent else {
                    lexicon.notes.append(ImportNote(file: file, line: offset + 1, .unparsable,
                                                    "an entry not indented under a category"))
                    continue
                }
                lexicon.entries.append(ForeignEntry(term: term, category: path.map(\.name).joined(separator: "."),
                                                    line: offset + 1, column: TextLines.firstColumn(line)))
            } else {
                while let last = path.last, last.indent >= indent { path.removeLast() }
                path.append((indent, TextLines.trimmed(line)))
                lexicon.define(path.map(\.name).joined(separator: "."), line: offset + 1)
            }
        }
        return lexicon
    }

    /// `ABANDON* (1)` -> ("ABANDON*", 1); nil for a line without a trailing `(number)`.
    private static func weight(of line: Substring) -> (String, Int)? {
        let text = TextLines.trimmed(line)
        guard text.hasSuffix(")"), let open = text.lastIndex(of: "(") else { return nil }
        guard let value = Int(text[text.index(after: open)..<text.index(before: text.endIndex)]) else { return nil }
        return (TextLines.trimmed(text[..<open]), value)
    }
}
