import StanceCore

/// What makes two terms the same: their folded words and whether the last one is a prefix.
struct TermKey: Hashable {
    let words: [String]
    let isWildcard: Bool
}

extension LexiconEntry {
    var key: TermKey { TermKey(words: words, isWildcard: isWildcard) }
}

/// The one reader of terms, for TSV lists and YAML files alike: trims, splits into words on white
/// space, folds each word with `Folding.fold`, and turns a trailing `*` on the last word into a
/// wildcard. A `*` anywhere else is L003; an empty term is L001.
enum TermParser {
    /// Parses `raw`, whose first scalar stands at column `textColumn` of `location.line`, into an entry
    /// placed at `location`. Columns count Unicode scalars, as Yams does, so TSV and YAML agree.
    static func parse(_ raw: String, fields: [String: String] = [:], location: SourceLocation, textColumn: Int,
                      log: inout DiagnosticLog) -> LexiconEntry? {
        let scalars = Array(raw.unicodeScalars)
        func place(_ offset: Int) -> SourceLocation {
            SourceLocation(file: location.file, line: location.line, column: textColumn + offset)
        }

        // Words as scalar offsets into `raw`, so an error can point at the exact `*`.
        var words: [Range<Int>] = []
        var index = 0
        while index < scalars.count {
            if scalars[index].properties.isWhitespace { index += 1; continue }
            let start = index
            while index < scalars.count && !scalars[index].properties.isWhitespace { index += 1 }
            words.append(start..<index)
        }
        guard let lastWord = words.last else {
            log.error(.unparsable, "empty term", at: place(0))
            return nil
        }
        let term = String(String.UnicodeScalarView(scalars[words[0].lowerBound..<lastWord.upperBound]))

        // Only the last scalar of the last word may be a `*`, and it must leave a prefix behind.
        var misplaced = false
        for word in words {
            for offset in word where scalars[offset] == "*" {
                let endsTerm = offset == lastWord.upperBound - 1 && offset > lastWord.lowerBound
                if !endsTerm {
                    log.error(.misplacedWildcard,
                              "misplaced \"*\" in \"\(term)\": only the end of the last word may be a wildcard",
                              at: place(offset))
                    misplaced = true
                }
            }
        }
        if misplaced { return nil }

        let isWildcard = scalars[lastWord.upperBound - 1] == "*"
        let folded = words.enumerated().map { number, word -> String in
            let end = (isWildcard && number == words.count - 1) ? word.upperBound - 1 : word.upperBound
            return Folding.fold(String(String.UnicodeScalarView(scalars[word.lowerBound..<end])))
        }
        return LexiconEntry(term: term, words: folded, isWildcard: isWildcard, fields: fields, location: location)
    }
}

/// Finds terms that are the same after folding within one list or topic section (L002), so a
/// duplicate line never silently wins over the first.
struct TermIndex {
    private var seen: [TermKey: SourceLocation] = [:]

    /// Adds `entry`. When an equal term is already there, logs L002 at `reportAt` (the entry's own
    /// location by default) and returns false.
    @discardableResult
    mutating func insert(_ entry: LexiconEntry, reportAt: SourceLocation? = nil, log: inout DiagnosticLog) -> Bool {
        if let first = seen[entry.key] {
            log.error(.duplicate,
                      "duplicate term \"\(entry.term)\" (same as line \(first.line) after folding case and diacritics)",
                      at: reportAt ?? entry.location)
            return false
        }
        seen[entry.key] = entry.location
        return true
    }
}
