import Foundation
import StanceCore
import StanceStore
import StanceLexicon

/// The lexicon files a run is stored with, and which analysis stages a change between two sets of
/// them touches (`Lexicons/README.md`, "Which file feeds which stage").
public enum LexiconFiles {
    /// Every file the lexicon loader reads, so the files `lexicon_hash` covers: `*.tsv` anywhere,
    /// `settings.yaml`, `topics/*.yaml`, `speakers/*.yaml`. Hidden entries are skipped; links are
    /// followed, no real folder twice. Ordered by path bytes.
    public static func read(directory: URL) throws -> [LexiconFile] {
        try LexiconLoader.filePaths(in: directory).map { path in
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(path).path) else {
                throw OutputError(path: directory.appendingPathComponent(path).path, reason: "cannot read lexicon file")
            }
            return LexiconFile(path: path, bytes: [UInt8](data))
        }
    }

    /// SHA-256 over path, NUL, bytes, NUL of each file in path order: `Lexicon.hash` of the same files.
    public static func hash(_ files: [LexiconFile]) -> String {
        var input: [UInt8] = []
        for file in files.sorted(by: { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }) {
            input += Array(file.path.utf8) + [0] + file.bytes + [0]
        }
        return SHA256.hex(of: input)
    }
}

/// How far back a lexicon change sends the analysis of documents already stored. Ordered: a later
/// case includes the earlier ones.
public enum AnalysisStage: Int, Comparable, Sendable, CustomStringConvertible {
    /// Nothing that feeds an analysis changed (`suggest/*`, comments in `settings.yaml`).
    case nothing
    /// Only aggregation settings (`positions.*`, `contrasts.*`): per-document results are reused;
    /// aggregation runs on every run anyway.
    case aggregation
    /// Topics and stance rules (`topics/*`, `stance/*`, `stance.*` settings): stored statements are
    /// scored again, without segmenting or attributing.
    case stance
    /// Everything before stance (`cleaning/*`, `segmentation/*`, `attribution/*`, `grammar/*`,
    /// `speakers/*`, other settings, and any file this table does not know): documents are analysed again.
    case attribution

    public static func < (lhs: AnalysisStage, rhs: AnalysisStage) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .nothing: "nothing"
        case .aggregation: "aggregation"
        case .stance: "stance"
        case .attribution: "attribution"
        }
    }

    /// The stage a lexicon file feeds (for `settings.yaml`, see `LexiconChange.settingsStage`).
    public static func of(file path: String) -> AnalysisStage {
        if path.hasPrefix("suggest/") { return .nothing }
        if path.hasPrefix("topics/") || path.hasPrefix("stance/") { return .stance }
        return .attribution
    }

    /// The stage a setting feeds, by its prefix.
    public static func of(setting key: String) -> AnalysisStage {
        if key.hasPrefix("stance.") { return .stance }
        if key.hasPrefix("positions.") || key.hasPrefix("contrasts.") { return .aggregation }
        return .attribution
    }
}

/// What changed between the lexicon files of an earlier run and the current ones.
public struct LexiconChange: Sendable, Hashable {
    /// The earliest stage that must run again.
    public let stage: AnalysisStage
    /// Paths added, removed or changed (settings: `settings.yaml:KEY`), in path order.
    public let changed: [String]

    public init(stage: AnalysisStage, changed: [String]) {
        self.stage = stage
        self.changed = changed
    }

    public static func between(_ old: [LexiconFile], _ new: [LexiconFile]) -> LexiconChange {
        let before = Dictionary(old.map { ($0.path, $0.bytes) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(new.map { ($0.path, $0.bytes) }, uniquingKeysWith: { a, _ in a })
        var stage = AnalysisStage.nothing
        var changed: [String] = []
        for path in Set(before.keys).union(after.keys).sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        where before[path] != after[path] {
            if path == "settings.yaml" {
                let (settingsStage, keys) = settingsChange(before[path] ?? [], after[path] ?? [])
                stage = max(stage, settingsStage)
                changed += keys.isEmpty ? [path] : keys.map { "\(path):\($0)" }
            } else {
                stage = max(stage, AnalysisStage.of(file: path))
                changed.append(path)
            }
        }
        return LexiconChange(stage: stage, changed: changed)
    }

    /// The settings whose values differ, and the latest stage they feed. A file this reader cannot
    /// follow (anything but `key: value` lines and comments) counts as changing everything.
    static func settingsChange(_ old: [UInt8], _ new: [UInt8]) -> (AnalysisStage, [String]) {
        guard let before = SettingsText.values(old), let after = SettingsText.values(new) else { return (.attribution, []) }
        let keys = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
        return (keys.map(AnalysisStage.of(setting:)).max() ?? .nothing, keys)
    }
}

/// `settings.yaml` read as the flat `key: value` mapping it is, without a YAML parser: enough to
/// compare two versions key by key and to rebuild the aggregation settings of a stored run.
public enum SettingsText {
    /// Values by key (as written), nil when a line is neither blank, a comment nor `key: value`.
    public static func values(_ bytes: [UInt8]) -> [String: String]? {
        guard let text = String(bytes: bytes, encoding: .utf8) else { return nil }
        var values: [String: String] = [:]
        for raw in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line == "---" { continue }
            if let hash = line.range(of: " #") { line = line[..<hash.lowerBound].trimmingCharacters(in: .whitespaces) }
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) else { return nil }
            values[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return values
    }

    /// The numeric settings, as `Settings`; unreadable values are left out (their defaults apply).
    public static func settings(_ bytes: [UInt8]) -> Settings {
        var settings = Settings()
        for (key, value) in values(bytes) ?? [:] {
            if let number = Double(value) { settings.values[key] = number }
        }
        return settings
    }
}
