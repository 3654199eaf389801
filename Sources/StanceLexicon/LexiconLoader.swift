import Foundation
import StanceCore

/// What loading a lexicon folder gave: the lexicon when the set has no errors, and every diagnostic
/// (errors and warnings) sorted by file, line and column.
public struct LexiconLoadResult: Sendable {
    /// Nil when any diagnostic is an error: an analysis never runs on a set with a known mistake.
    public let lexicon: Lexicon?
    public let diagnostics: [Diagnostic]

    public init(lexicon: Lexicon?, diagnostics: [Diagnostic]) {
        self.lexicon = lexicon
        self.diagnostics = diagnostics
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}

/// Reads and validates a lexicon folder into an immutable `Lexicon`.
///
/// Layout (paths relative to the folder, always with `/`):
/// - every `*.tsv` below it is a word list named by its path without the extension (`stance/negators`);
/// - `topics/*.yaml` are topics, `speakers/*.yaml` speaker registries, `settings.yaml` the settings;
/// - anything else (README.md, `.keep`, hidden files) is ignored.
///
/// `Lexicon.hash` is SHA-256 (hex) over, for each loaded file in byte order of its relative path, the path,
/// a NUL byte, the file's bytes and a NUL byte: the same files give the same hash on every machine.
public enum LexiconLoader {
    public static func load(directory: URL) -> LexiconLoadResult {
        var log = DiagnosticLog()
        guard let files = listFiles(in: directory, log: &log) else {
            return LexiconLoadResult(lexicon: nil, diagnostics: log.sorted)
        }

        var contents: [(path: String, bytes: [UInt8])] = []
        for file in files {
            guard let bytes = read(file, in: directory, log: &log) else { continue }
            contents.append((file.path, bytes))
        }
        return load(files: contents, log: log)
    }

    /// The same from files already in memory: `(relative path, bytes)` in any order. Paths that are
    /// not lexicon files (see `load(directory:)`) are ignored. The fuzz targets (`Fuzz/`) feed the
    /// parsers through this without touching the disk.
    public static func load(files contents: [(path: String, bytes: [UInt8])]) -> LexiconLoadResult {
        load(files: contents, log: DiagnosticLog())
    }

    private static func load(files contents: [(path: String, bytes: [UInt8])], log: DiagnosticLog) -> LexiconLoadResult {
        var log = log
        let sorted = contents.sorted { LexiconPath.precedes($0.path, $1.path) }
        var lists: [String: WordList] = [:]
        var topics = TopicReader()
        var speakers = SpeakerReader()
        var settings = Settings()
        var hashInput: [UInt8] = []
        for (path, bytes) in sorted {
            guard let file = classify(path) else { continue }
            hashInput += Array(file.path.utf8) + [0] + bytes + [0]
            guard let text = decode(bytes, file: file.path, log: &log) else { continue }
            switch file.kind {
            case .wordList(let name):
                lists[name] = WordListReader.read(text: text, file: file.path, name: name, log: &log)
            case .topic:
                topics.read(text: text, file: file.path, log: &log)
            case .speakers:
                speakers.read(text: text, file: file.path, log: &log)
            case .settings:
                settings = SettingsReader.read(text: text, file: file.path, log: &log)
            }
        }

        log.append(contentsOf: LexiconWarnings.conflictingPolarity(lists: lists, topics: topics.topics))
        for name in lists.keys.sorted() {
            log.append(contentsOf: LexiconWarnings.overlappingEntries(in: lists[name]!))
        }

        let lexicon = log.hasErrors ? nil : Lexicon(lists: lists, topics: topics.topics, speakers: speakers.speakers,
                                                     settings: settings, hash: SHA256.hex(of: hashInput))
        return LexiconLoadResult(lexicon: lexicon, diagnostics: log.sorted)
    }

    /// Only the diagnostics, for `stance check`.
    public static func check(directory: URL) -> [Diagnostic] {
        load(directory: directory).diagnostics
    }

    // MARK: - Files

    private struct LexiconFile {
        enum Kind {
            case wordList(name: String)
            case topic, speakers, settings
        }

        let path: String
        let kind: Kind
    }

    /// The folder's lexicon files in byte order of their relative paths; nil (with L006) when the
    /// folder is missing or cannot be listed.
    private static func listFiles(in directory: URL, log: inout DiagnosticLog) -> [LexiconFile]? {
        let root = SourceLocation(file: ".", line: 1)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            log.error(.missing, "lexicon folder not found: \(directory.path)", at: root)
            return nil
        }
        do {
            return try filePaths(in: directory).compactMap(classify)
        } catch {
            log.error(.missing, "cannot read lexicon folder \(directory.path): \(error.localizedDescription)", at: root)
            return nil
        }
    }

    /// The relative paths of every file a load reads (`*.tsv` anywhere, `settings.yaml`,
    /// `topics/*.yaml`, `speakers/*.yaml`), in the byte order `lexicon_hash` covers them. The
    /// store keeps exactly these files with each run.
    public static func filePaths(in directory: URL) throws -> [String] {
        var paths: [String] = []
        var visited: Set<String> = []
        try collect(directory.path, prefix: "", visited: &visited, into: &paths)
        return paths.filter { classify($0) != nil }.sorted(by: LexiconPath.precedes)
    }

    private static func classify(_ path: String) -> LexiconFile? {
        let parts = path.split(separator: "/")
        if path.hasSuffix(".tsv") {
            return LexiconFile(path: path, kind: .wordList(name: String(path.dropLast(".tsv".count))))
        }
        guard path.hasSuffix(".yaml") else { return nil }
        if path == "settings.yaml" { return LexiconFile(path: path, kind: .settings) }
        if parts.count == 2 && parts[0] == "topics" { return LexiconFile(path: path, kind: .topic) }
        if parts.count == 2 && parts[0] == "speakers" { return LexiconFile(path: path, kind: .speakers) }
        return nil
    }

    /// Every file below `folder`, as paths relative to the lexicon folder. Hidden files and folders
    /// (`.keep`, `.git`, `.DS_Store`) are skipped. Links are followed, but no real folder is walked
    /// twice: a link back up the tree would make the walk endless.
    private static func collect(_ folder: String, prefix: String, visited: inout Set<String>,
                                into paths: inout [String]) throws {
        guard visited.insert(URL(fileURLWithPath: folder).resolvingSymlinksInPath().path).inserted else { return }
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where !name.hasPrefix(".") {
            let full = folder + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                try collect(full, prefix: prefix + name + "/", visited: &visited, into: &paths)
            } else {
                paths.append(prefix + name)
            }
        }
    }

    private static func read(_ file: LexiconFile, in directory: URL, log: inout DiagnosticLog) -> [UInt8]? {
        let url = directory.appendingPathComponent(file.path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            log.error(.missing, "cannot read file", at: SourceLocation(file: file.path, line: 1))
            return nil
        }
        return [UInt8](data)
    }

    /// The file's text; nil (with L001 at 1:1) when it is not valid UTF-8.
    private static func decode(_ bytes: [UInt8], file: String, log: inout DiagnosticLog) -> String? {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            log.error(.unparsable, "not valid UTF-8 text", at: SourceLocation(file: file, line: 1))
            return nil
        }
        return text
    }
}
