import StanceCore
import StanceAnalysis

/// What makes two terms the same in our lists: folded words, and whether the last is a prefix.
struct ImportKey: Hashable, Sendable {
    let words: [String]
    let isWildcard: Bool
}

/// Our term rules applied to a foreign pattern: a word or phrase that our tokenizer reads as the
/// same words, with `*` only at the very end. A pattern that breaks them is reported, never
/// bent into something else: an emoticon or a `?` glob has no faithful equivalent.
enum ImportTerm {
    /// Why a pattern cannot be one of our terms.
    struct Rejection: Error, Equatable { let reason: String }

    struct Normalised: Equatable {
        /// As written to our file: lower case, words separated by one space, `*` kept at the end.
        let text: String
        let key: ImportKey
    }

    /// `literalStar`: `*` is a character of the token (VADER), not a wildcard.
    /// `globs`: `?` is a one-character wildcard (quanteda), reported as such.
    static func normalise(_ raw: String, literalStar: Bool, globs: Bool) -> Result<Normalised, Rejection> {
        let pattern = raw.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !pattern.isEmpty else { return .reject("empty term") }
        if literalStar, pattern.contains("*") {
            return .reject("\"\(pattern)\" contains \"*\", a character here but a wildcard in our lists")
        }
        if globs, pattern.contains("?") {
            return .reject("\"\(pattern)\" uses \"?\" (any one character), which our lists cannot say")
        }
        let isWildcard = pattern.hasSuffix("*")
        let body = isWildcard ? String(pattern.dropLast()) : pattern
        if body.contains("*") {
            return .reject("\"\(pattern)\" has a \"*\" that does not end the term; our lists allow one only at the end")
        }
        if isWildcard, body.last.map({ $0 == " " }) ?? true {
            return .reject("\"\(pattern)\": a \"*\" must end a word, not stand alone")
        }
        let scalars = Array(body.unicodeScalars)
        let tokens = Tokenizer.tokenize(scalars, in: TextRange(0, scalars.count))
        let marks = tokens.filter { !$0.isWord }
        if !marks.isEmpty {
            let shown = marks.map { "\"\(text(of: $0, in: scalars))\"" }.joined(separator: ", ")
            return .reject("\"\(pattern)\" is not all words: our tokenizer reads \(shown) as punctuation, so it would never match")
        }
        // The tokenizer may split a word ("someone's" -> "someone" "'s"): the term is written as its
        // tokens, so that it matches exactly what the analysis sees.
        let words = tokens.map { text(of: $0, in: scalars).lowercased() }
        let written = words.joined(separator: " ") + (isWildcard ? "*" : "")
        return .success(Normalised(text: written, key: ImportKey(words: tokens.map(\.folded), isWildcard: isWildcard)))
    }

    /// The key of a term already in one of our lists, read as `TermParser` reads it.
    static func key(ofListTerm term: String) -> ImportKey? {
        var words = term.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { return nil }
        let isWildcard = words[words.count - 1].hasSuffix("*")
        if isWildcard { words[words.count - 1].removeLast() }
        return ImportKey(words: words.map(Folding.fold), isWildcard: isWildcard)
    }

    private static func text(of token: Token, in scalars: [Unicode.Scalar]) -> String {
        String(String.UnicodeScalarView(scalars[token.range.start..<token.range.end]))
    }
}

extension Result where Failure == ImportTerm.Rejection {
    static func reject(_ reason: String) -> Result { .failure(ImportTerm.Rejection(reason: reason)) }
}
