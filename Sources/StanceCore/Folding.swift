import Foundation

/// The one way text is folded for matching everywhere (lexicon entries, tokens, speaker names):
/// lowercase, diacritics removed, typographic apostrophes made straight. "Babaoğlu" and "babaoglu"
/// fold alike, so a user's lexicon line matches however the article spells it.
public enum Folding {
    public static func fold(_ text: String) -> String {
        // Fast path: plain ASCII (most English tokens) only needs lowercasing.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            if !text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { return text }
            return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
        }
        var folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        if folded.contains(where: { $0 == "\u{2019}" || $0 == "\u{2018}" || $0 == "\u{02BC}" }) {
            folded = String(folded.map { ($0 == "\u{2019}" || $0 == "\u{2018}" || $0 == "\u{02BC}") ? "'" : $0 })
        }
        return folded.lowercased()
    }
}
