import Foundation
import StanceCore

/// Finds and reads the articles under an input path: `.txt` and `.md` files (one article each)
/// and `.jsonl` files (one article per line: `id`, `text`, optional `title`, `date`, `source`,
/// `url`). Folders are read recursively in sorted order; hidden entries, the output folder and the
/// database are skipped.
public struct DocumentReader: Sendable {
    public static let articleExtensions: Set<String> = ["txt", "md", "jsonl"]
    /// Files larger than this are refused with a message rather than read (a documented limit:
    /// `--max-file-size`, in bytes). 64 MiB holds any real article or JSONL batch.
    public static let defaultMaxFileBytes = 64 * 1024 * 1024

    public let root: URL
    public let skip: [URL]
    public let maxFileBytes: Int

    public init(path: String, skip: [URL] = [], maxFileBytes: Int = DocumentReader.defaultMaxFileBytes) {
        root = URL(fileURLWithPath: path).standardizedFileURL
        self.skip = skip.map { $0.standardizedFileURL.resolvingSymlinksInPath() }
        self.maxFileBytes = maxFileBytes
    }

    /// One input file with the document id prefix it gives.
    public struct Entry: Sendable {
        public let url: URL
        /// Document id for text files; for JSONL files, the file's relative path (used in messages).
        public let id: String
    }

    /// The article files in reading order, or an error when the path itself cannot be used.
    public func entries() throws -> [Entry] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
            throw InputError(path: root.path, reason: "no such file or folder")
        }
        if !isDirectory.boolValue { return [Entry(url: root, id: root.lastPathComponent)] }
        var result: [Entry] = []
        try walk(root, relative: "", into: &result, depth: 0, seen: [])
        return result
    }

    private func walk(_ folder: URL, relative: String, into result: inout [Entry], depth: Int, seen: Set<String>) throws {
        let real = folder.resolvingSymlinksInPath().path
        guard depth < 64, !seen.contains(real) else { return }  // symlink loops
        var seen = seen
        seen.insert(real)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        } catch {
            throw InputError(path: folder.path, reason: "cannot list folder: \(error.localizedDescription)")
        }
        for name in names where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name)
            let resolved = url.resolvingSymlinksInPath()
            if skip.contains(where: { $0.path == resolved.path }) { continue }
            let id = relative.isEmpty ? name : relative + "/" + name
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            if exists && isDirectory.boolValue {
                try walk(url, relative: id, into: &result, depth: depth + 1, seen: seen)
            } else if Self.articleExtensions.contains(url.pathExtension.lowercased()) {
                result.append(Entry(url: url, id: id))
            }
        }
    }

    /// Reads one entry: its documents, and an error for each part that could not be read.
    public func read(_ entry: Entry) -> [Result<Document, InputError>] {
        let path = entry.url.path
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let attributes else {
            return [.failure(InputError(path: entry.id, reason: "cannot read (missing file or dangling link)"))]
        }
        if let type = attributes[.type] as? FileAttributeType, type != .typeRegular {
            return [.failure(InputError(path: entry.id, reason: "not a regular file"))]
        }
        if let size = attributes[.size] as? Int, size > maxFileBytes {
            return [.failure(InputError(path: entry.id,
                                        reason: "file is \(size) bytes, over the limit of \(maxFileBytes) (raise it with --max-file-size)"))]
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return [.failure(InputError(path: entry.id, reason: "cannot read file"))]
        }
        if entry.url.pathExtension.lowercased() == "jsonl" { return JSONLArticles.read(data, path: entry.id) }
        switch TextDecoder.decode([UInt8](data)) {
        case .success(let text): return [.success(Document(id: entry.id, text: text))]
        case .failure(let problem): return [.failure(InputError(path: entry.id, reason: problem.description))]
        }
    }
}

/// Articles in JSON Lines: one object per line with `id` and `text` (strings), and optional
/// `title`, `date`, `source`, `url`. A bad line is an error naming the line; the others are read.
public enum JSONLArticles {
    public static func read(_ data: Data, path: String) -> [Result<Document, InputError>] {
        let bytes = [UInt8](data)
        switch TextDecoder.decode(bytes) {
        case .failure(let problem): return [.failure(InputError(path: path, reason: problem.description))]
        case .success(let text):
            var results: [Result<Document, InputError>] = []
            var lineNumber = 0
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                lineNumber += 1
                let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
                if trimmed.isEmpty { continue }
                results.append(parse(trimmed, path: path, line: lineNumber))
            }
            return results
        }
    }

    public static func parse(_ line: String, path: String, line lineNumber: Int) -> Result<Document, InputError> {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            return .failure(InputError(path: path, line: lineNumber, reason: "not a JSON object"))
        }
        guard let id = object["id"] as? String, !id.isEmpty else {
            return .failure(InputError(path: path, line: lineNumber, reason: "missing string field \"id\""))
        }
        guard let text = object["text"] as? String else {
            return .failure(InputError(path: path, line: lineNumber, reason: "missing string field \"text\" (article \(id))"))
        }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return .failure(InputError(path: path, line: lineNumber, reason: "empty text (article \(id))"))
        }
        return .success(Document(id: id, text: text, title: object["title"] as? String, date: object["date"] as? String,
                                 source: object["source"] as? String, url: object["url"] as? String))
    }
}
