import Foundation
import StanceCore
import StanceKit
import StanceLexicon

/// Paths and loaders every test target shares. Tests read only the repository (never ../shared).
public enum Fixtures {
    /// The `stance` executable built beside the test bundle (`swift build --build-tests`), or nil.
    /// On Linux the bundle is an executable in `.build/<config>/` (`Bundle.main` and
    /// `CommandLine.arguments[0]` point there); on macOS the `.xctest` bundle sits beside it.
    public static let stanceBinary: URL? = {
        var folders = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments.first ?? "")]
        folders += folders.map { $0.deletingLastPathComponent() }
        folders += folders.map { $0.deletingLastPathComponent() }
        for folder in folders {
            let candidate = folder.appendingPathComponent("stance")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        return nil
    }()

    /// The repository root, found from this file's path.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    public static let folder = root.appendingPathComponent("Tests/Fixtures")

    public static func url(_ relative: String) -> URL { folder.appendingPathComponent(relative) }

    /// The shipped `Lexicons/` folder, loaded once; a load error fails loudly.
    public static let shippedLexicon: Lexicon = load(root.appendingPathComponent("Lexicons"))

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

extension Fixtures {
    /// The shipped lexicons with their topics replaced by the fixture topics (`Tests/Fixtures/topics`),
    /// assembled once in a temporary folder.
    public static let shippedWithFixtureTopics: Lexicon = {
        let fm = FileManager.default
        let folder = fm.temporaryDirectory.appendingPathComponent("stance-fixture-lexicon-\(UUID().uuidString)")
        try! fm.copyItem(at: root.appendingPathComponent("Lexicons"), to: folder)
        let topics = folder.appendingPathComponent("topics")
        try! fm.removeItem(at: topics)
        try! fm.copyItem(at: url("topics"), to: topics)
        defer { try? fm.removeItem(at: folder) }
        return load(folder)
    }()
}
