import Foundation
import StanceCore
import StanceKit
import StanceLexicon

/// Paths and loaders every test target shares. Tests read only the repository (never ../shared).
public enum Fixtures {
    /// The repository root, found from this file's path.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    public static let folder = root.appendingPathComponent("Tests/Fixtures")

    public static func url(_ relative: String) -> URL { folder.appendingPathComponent(relative) }

    /// The shipped `Lexicons/` folder, loaded once; a load error fails loudly.
    public static let shippedLexicon: Lexicon = load(root.appendingPathComponent("Lexicons"))

    /// The frozen copy of the lexicons used by end-to-end golden tests, so tuning `Lexicons/` never breaks them.
    public static let frozenLexicon: Lexicon = load(folder.appendingPathComponent("lexicons"))

    public static func load(_ directory: URL) -> Lexicon {
        let result = LexiconLoader.load(directory: directory)
        guard let lexicon = result.lexicon else {
            fatalError("lexicons at \(directory.path) do not load:\n" + result.errors.map(\.description).joined(separator: "\n"))
        }
        return lexicon
    }

    /// One JSON object per line.
    public static func jsonLines(_ relative: String) -> [[String: Any]] {
        let text = (try? String(contentsOf: url(relative), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// Speaker names compared as the gold checker does, a little stricter: folded, without a
    /// leading article, whole name.
    public static func sameSpeaker(_ a: String, _ b: String) -> Bool {
        func norm(_ s: String) -> String {
            var f = Folding.fold(s).trimmingCharacters(in: .whitespaces)
            if f.hasPrefix("the ") { f.removeFirst(4) }
            return f
        }
        return norm(a) == norm(b)
    }
}
