import Foundation

/// The one way text is folded for matching everywhere (lexicon entries, tokens, speaker names):
/// lowercase, diacritics removed, typographic apostrophes made straight. "Babaoğlu" and "babaoglu"
/// fold alike, so a user's lexicon line matches however the article spells it.
public enum Folding {
    public static func fold(_ text: String) -> String {
        var folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        if folded.contains(where: { $0 == "\u{2019}" || $0 == "\u{2018}" || $0 == "\u{02BC}" }) {
            folded = String(folded.map { ($0 == "\u{2019}" || $0 == "\u{2018}" || $0 == "\u{02BC}") ? "'" : $0 })
        }
        return folded.lowercased()
    }
}
