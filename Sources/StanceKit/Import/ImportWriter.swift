import Foundation

/// A target list file that already exists. Its lines are kept exactly as they are; the imported
/// entries are added below them, and terms it already holds are not imported again.
public struct ExistingList: Sendable {
    /// As named in notes (the path given on the command line).
    public let path: String
    let lines: [Substring]
    /// Index in `lines` of the header row; nil when the file holds only comments and blank lines.
    let headerIndex: Int?
    let columns: [String]
    /// Folded term -> its line number.
    let keys: [ImportKey: Int]

    public init(text: String, path: String) throws {
        self.path = path
        lines = TextLines.split(text)
        var header: Int?
        var columns: [String] = []
        var keys: [ImportKey: Int] = [:]
        for (index, line) in lines.enumerated() {
            let trimmed = TextLines.trimmed(line)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { TextLines.trimmed($0) }
            if header == nil {
                guard fields.first == "term" else {
                    throw ImportError.incompatibleTarget(path: path, reason: "line \(index + 1): the header's first column must be \"term\": is this one of our lists?")
                }
                header = index
                columns = fields
                continue
            }
            if let key = ImportTerm.key(ofListTerm: fields[0]), keys[key] == nil { keys[key] = index + 1 }
        }
        headerIndex = header
        self.columns = columns
        self.keys = keys
    }
}

/// Writes imported entries as one of our TSV lists: a comment saying where they came from, the
/// header, one line per entry in the foreign file's order, each with its `source` (file:line).
public enum ImportWriter {
    /// The whole file: the existing list with the entries appended (its header gains a `source`
    /// column if it lacks one), or a new list.
    public static func render(_ result: ImportResult, weight: Double, existing: ExistingList? = nil) throws -> String {
        let polarity = result.list == ImportOptions.polarityList
        let provenance = "# \(result.entries.count) entries imported by `stance lexicon import --from \(result.format.rawValue)` from \(result.file)"
            + (polarity ? "; \(scale(result.format, weight: weight))" : "")
            + "; source = the line each came from."

        var columns = polarity ? ["term", "polarity", "source"] : ["term", "source"]
        var head: [String] = []
        if let existing, let headerIndex = existing.headerIndex {
            columns = existing.columns
            if polarity && !columns.contains("polarity") {
                throw ImportError.incompatibleTarget(path: existing.path, reason: "its header has no \"polarity\" column")
            }
            if !columns.contains("source") { columns.append("source") }
            head = existing.lines.enumerated().map { index, line in
                index == headerIndex ? columns.joined(separator: "\t") : String(line)
            }
            while head.last.map(TextLines.isBlank) == true { head.removeLast() }
            head += ["", provenance]
        } else {
            head = (existing?.lines.map(String.init) ?? []).filter { !TextLines.isBlank($0) }
            head += [provenance, columns.joined(separator: "\t")]
        }

        let rows = result.entries.map { entry in
            columns.map { column -> String in
                switch column {
                case "term": entry.term
                case "polarity": entry.polarity.map(LexiconImporter.format) ?? ""
                case "source": "\(result.file):\(entry.line)"
                default: ""
                }
            }.joined(separator: "\t")
        }
        return (head + rows).joined(separator: "\n") + "\n"
    }

    static func scale(_ format: ImportFormat, weight: Double) -> String {
        let w = LexiconImporter.format(weight)
        switch format {
        case .vader: return "polarity = VADER mean x \(LexiconImporter.format(weight / 2)) (a mean of 2 gives \(w))"
        case .mpqa: return "polarity = \(w) for strongsubj clues, \(LexiconImporter.format(weight / 2)) for weaksubj and weakpos/weakneg"
        case .liwc, .quantedaYAML, .lexicoder: return "polarity = +\(w) for positive categories, -\(w) for negative ones"
        }
    }
}

/// `stance lexicon import` as one call: read the foreign file, convert, merge with an existing
/// target, write atomically.
public enum LexiconImport {
    public enum Destination: Sendable {
        /// The text is returned for standard output.
        case standardOutput
        /// This file.
        case file(URL)
        /// `<folder>/<list>.tsv`.
        case folder(URL)
    }

    public struct Outcome: Sendable {
        public let result: ImportResult
        /// The file written (nil for standard output).
        public let written: URL?
        /// The rendered list (what was written, or what goes to standard output).
        public let text: String
        /// Whether an existing list was extended.
        public let merged: Bool
    }

    /// `replace`: write a new list even when the target exists, instead of adding to it.
    public static func perform(input: URL, displayName: String? = nil, importer: LexiconImporter,
                               destination: Destination, replace: Bool = false) throws -> Outcome {
        let name = displayName ?? input.lastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input.path, isDirectory: &isDirectory) else {
            throw ImportError.unreadable(path: input.path, reason: "no such file")
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: input.path) else {
            throw ImportError.unreadable(path: input.path, reason: isDirectory.boolValue ? "a folder, not a lexicon file" : "cannot read file")
        }
        let target: URL?
        switch destination {
        case .standardOutput: target = nil
        case .file(let url): target = url
        case .folder(let folder): target = folder.appendingPathComponent(importer.options.list + ".tsv")
        }
        var existing: ExistingList?
        if let target, !replace, FileManager.default.fileExists(atPath: target.path) {
            guard let bytes = FileManager.default.contents(atPath: target.path) else {
                throw ImportError.incompatibleTarget(path: target.path, reason: "exists but cannot be read")
            }
            switch TextDecoder.decode([UInt8](bytes)) {
            case .success(let text): existing = try ExistingList(text: text, path: target.path)
            case .failure(.empty), .failure(.blank): existing = nil
            case .failure(let problem):
                throw ImportError.incompatibleTarget(path: target.path, reason: "exists and is not one of our lists (\(problem)); --replace overwrites it")
            }
        }
        return try finish(data, name, importer, target, existing)
    }

    private static func finish(_ data: Data, _ name: String, _ importer: LexiconImporter, _ target: URL?,
                               _ existing: ExistingList?) throws -> Outcome {
        let result = try importer.run(bytes: [UInt8](data), file: name, existing: existing)
        let text = try ImportWriter.render(result, weight: importer.options.weight, existing: existing)
        if let target, !(existing != nil && result.entries.isEmpty) {
            try AtomicFile.write(text, to: target)
        }
        return Outcome(result: result, written: target, text: text, merged: existing != nil)
    }
}
