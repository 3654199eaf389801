import StanceCore

/// A word, number or punctuation mark of a document, as a range into its text.
public struct Token: Sendable, Hashable {
    public enum Kind: Sendable { case word, number, punctuation, quoteMark }

    public let range: TextRange
    public let kind: Kind
    /// Folded text (lowercase, no diacritics, straight apostrophes) for lexicon lookups.
    public let folded: String
    /// The first scalar is an uppercase letter.
    public let isCapitalized: Bool
    /// Index into `SegmentedDocument.quotations` of the top-level quotation holding this token, if any.
    public var quotation: Int?

    public var isWord: Bool { kind == .word || kind == .number }
}

/// Splits text into tokens. Apostrophes inside words stay in them ("O'Brien", "don't"); a final
/// possessive "'s" is its own token so "Russia's" matches the lexicon entry "russia". Letter-dot
/// runs ("U.S.", "e.g.") are one token with their periods.
public enum Tokenizer {
    public static func tokenize(_ scalars: [Unicode.Scalar], in range: TextRange) -> [Token] {
        // Indexes are checked against `range` below; the buffer spares a bounds check per scalar.
        precondition(range.start >= 0 && range.end <= scalars.count, "token range outside the text")
        return scalars.withUnsafeBufferPointer { tokenize($0, in: range) }
    }

    private static func tokenize(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, in range: TextRange) -> [Token] {
        var tokens: [Token] = []
        // About one token per five scalars in running text: most paragraphs need no regrowth.
        tokens.reserveCapacity(range.length / 5 + 8)
        var i = range.start
        let end = range.end
        while i < end {
            let c = scalars[i]
            if isSpace(c) { i += 1; continue }
            if isWordScalar(c) {
                let start = i
                // Letter-dot abbreviation run: U.S., e.g., a.m.
                if isLetter(c), i + 1 < end, scalars[i + 1] == ".", i + 2 < end, isLetter(scalars[i + 2]),
                   i + 3 < end, scalars[i + 3] == "." {
                    var j = i
                    while j + 1 < end, isLetter(scalars[j]), scalars[j + 1] == "." { j += 2 }
                    tokens.append(make(scalars, start, j, .word))
                    i = j
                    continue
                }
                // A number is digits with decimal points or separators between them ("3.5", "1,200").
                var allDigits = isDigit(c)
                var j = i + 1
                while j < end {
                    let s = scalars[j]
                    if isWordScalar(s) { allDigits = allDigits && isDigit(s); j += 1; continue }
                    // Internal apostrophe, hyphen or decimal point joins when a word scalar follows.
                    if (isApostrophe(s) || s == "-" || s == "\u{2011}" || (s == "." || s == ",") && isDigit(scalars[j - 1])),
                       j + 1 < end, isWordScalar(scalars[j + 1]) {
                        if (s == "." || s == ",") && !isDigit(scalars[j + 1]) { break }
                        // "'s" at the end of a word is a separate possessive token.
                        if isApostrophe(s), j + 2 <= end, (scalars[j + 1] == "s" || scalars[j + 1] == "S"),
                           j + 2 == end || !isWordScalar(scalars[j + 2]) {
                            break
                        }
                        allDigits = allDigits && (s == "." || s == ",") && isDigit(scalars[j + 1])
                        j += 2
                        continue
                    }
                    break
                }
                tokens.append(make(scalars, start, j, allDigits ? .number : .word))
                i = j
                continue
            }
            if isApostrophe(c), i + 1 < end, scalars[i + 1] == "s" || scalars[i + 1] == "S",
               !tokens.isEmpty, tokens[tokens.count - 1].range.end == i, tokens[tokens.count - 1].isWord,
               i + 2 == end || !isWordScalar(scalars[i + 2]) {
                tokens.append(make(scalars, i, i + 2, .word))
                i += 2
                continue
            }
            tokens.append(make(scalars, i, i + 1, QuoteMarks.isQuoteMark(c) ? .quoteMark : .punctuation))
            i += 1
        }
        return tokens
    }

    private static func make(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int, _ kind: Token.Kind) -> Token {
        let capital = isUppercase(scalars[start])
        // ASCII tokens (most of English news) are built and folded byte by byte.
        var ascii = true
        for i in start..<end where scalars[i].value >= 0x80 { ascii = false; break }
        if ascii, end - start == 1 {
            let v = UInt8(truncatingIfNeeded: scalars[start].value)
            let folded = asciiScalars[Int(v >= 0x41 && v <= 0x5A ? v + 32 : v)]
            return Token(range: TextRange(start, end), kind: kind, folded: folded, isCapitalized: capital, quotation: nil)
        }
        if ascii {
            // Written straight into the string's storage (no byte array; short words stay inline).
            let folded = String(unsafeUninitializedCapacity: end - start) { buffer in
                for i in start..<end {
                    let v = UInt8(truncatingIfNeeded: scalars[i].value)
                    buffer[i - start] = v >= 0x41 && v <= 0x5A ? v + 32 : v
                }
                return end - start
            }
            return Token(range: TextRange(start, end), kind: kind, folded: folded, isCapitalized: capital, quotation: nil)
        }
        return Token(range: TextRange(start, end), kind: kind, folded: Folding.fold(Document.string(ArraySlice(scalars[start..<end]))), isCapitalized: capital,
                     quotation: nil)
    }

    /// Every ASCII scalar as a String, made once: punctuation and one-letter words are a third of
    /// all tokens.
    private static let asciiScalars: [String] = (0..<128).map { String(Unicode.Scalar(UInt8($0))) }

    // Character classes with an ASCII fast path: Unicode property lookups are the tokenizer's
    // main cost otherwise.
    @inline(__always) static func isSpace(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 { return c.value == 0x20 || (c.value >= 0x09 && c.value <= 0x0D) }
        return c.properties.isWhitespace || c == "\u{200B}" || c == "\u{FEFF}"
    }

    @inline(__always) static func isLetter(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 { return (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A) }
        return c.properties.isAlphabetic
    }

    @inline(__always) static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

    @inline(__always) static func isUppercase(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 { return c.value >= 0x41 && c.value <= 0x5A }
        return c.properties.isUppercase
    }

    @inline(__always) static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 { return isLetter(c) || isDigit(c) }
        return c.properties.isAlphabetic || c.properties.numericType != nil || c.properties.generalCategory == .nonspacingMark
    }

    @inline(__always) static func isApostrophe(_ c: Unicode.Scalar) -> Bool { c == "'" || c == "\u{2019}" || c == "\u{02BC}" }
}
