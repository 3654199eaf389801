/// LIWC `.dic` dictionaries: a block between two `%` lines maps category numbers to names
/// (`126<TAB>posemo`; LIWC2015 indents subcategories), then each line is a word or phrase followed
/// by its category numbers (`abandon*<TAB>125<TAB>127`). `*` ends a prefix. Lines with the
/// conditional codes of LIWC2007/2015 (`like<TAB>(02 134)125/464`) or `<of>` tags depend on the
/// neighbouring words, which a plain list cannot say: they are reported and left out.
enum LIWCFormat {
    static func read(_ text: String, file: String) throws -> ForeignLexicon {
        var lexicon = ForeignLexicon()
        let lines = TextLines.split(text)
        let numbered = lines.enumerated().filter { !TextLines.isBlank($0.element) }
        guard let opening = numbered.first, TextLines.trimmed(opening.element) == "%" else {
            throw ImportError.unrecognised(path: file, line: numbered.first.map { $0.offset + 1 } ?? 1,
                                           reason: "a LIWC .dic file starts with a \"%\" line opening its category block")
        }
        guard let closingIndex = numbered.dropFirst().firstIndex(where: { TextLines.trimmed($0.element) == "%" }) else {
            throw ImportError.unrecognised(path: file, line: opening.offset + 1,
                                           reason: "the category block opened here is never closed by a second \"%\" line")
        }

        var names: [String: String] = [:]
        for (offset, line) in numbered[numbered.index(after: numbered.startIndex)..<closingIndex] {
            let fields = line.split(whereSeparator: \.isWhitespace)
            guard fields.count >= 2, fields[0].allSatisfy(\.isASCIIDigit) else {
                lexicon.notes.append(ImportNote(file: file, line: offset + 1, .unparsable,
                                                "expected \"number<TAB>category\" in the category block"))
                continue
            }
            let id = String(Int(fields[0]) ?? -1)
            let name = fields.dropFirst().joined(separator: " ")
            names[id] = name
            lexicon.define(name, line: offset + 1)
        }
        if names.isEmpty {
            throw ImportError.unrecognised(path: file, line: opening.offset + 1, reason: "no category is defined between the \"%\" lines")
        }

        for (offset, line) in numbered[numbered.index(after: closingIndex)...] {
            let number = offset + 1
            func note(_ message: String) { lexicon.notes.append(ImportNote(file: file, line: number, .unparsable, message)) }
            if line.contains("<of>") {
                note("\"<of>\" tags (a word counted only before another) are not supported")
                continue
            }
            let fields = line.split(whereSeparator: \.isWhitespace)
            // The category numbers are the trailing all-digit fields; what precedes them is the term.
            var split = fields.count
            while split > 0, fields[split - 1].allSatisfy(\.isASCIIDigit) { split -= 1 }
            let termFields = fields[..<split]
            if termFields.contains(where: { $0.contains("/") || $0.contains(")") && $0.contains(where: \.isASCIIDigit) }) {
                note("conditional category codes (\"\(fields.dropFirst().joined(separator: " "))\") depend on neighbouring words: not supported")
                continue
            }
            guard !termFields.isEmpty else {
                note("a line of category numbers without a word")
                continue
            }
            guard split < fields.count else {
                note("\"\(termFields.joined(separator: " "))\" has no category number")
                continue
            }
            let term = termFields.joined(separator: " ")
            var seen: Set<String> = []
            for raw in fields[split...] {
                let id = String(Int(raw) ?? -1)
                guard seen.insert(id).inserted else { continue }
                guard let name = names[id] else {
                    note("category \(raw) of \"\(term)\" is not defined in the category block")
                    continue
                }
                lexicon.entries.append(ForeignEntry(term: term, category: name, line: number, column: TextLines.firstColumn(line)))
            }
        }
        return lexicon
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
