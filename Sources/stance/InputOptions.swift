import ArgumentParser
import Foundation
import StanceKit

/// The reader's limits, shared by the commands that read articles (see `DocumentReader`).
struct InputOptions: ParsableArguments {
    @Option(name: .customLong("max-file-size"), help: "Largest input file in bytes; larger files are refused.")
    var maxFileSize: Int = DocumentReader.defaultMaxFileBytes

    @Option(name: .customLong("max-paragraph-length"),
            help: "Longest paragraph in characters (Unicode scalars); articles with a longer one are refused. 0: no limit.")
    var maxParagraphLength: Int = DocumentReader.defaultMaxParagraphLength

    @Option(name: .customLong("max-statement-length"),
            help: """
            Longest statement in characters (Unicode scalars); longer ones (usually from a quotation mark that is \
            never closed) are left out of the results with a warning naming the document and offset; the article's \
            other statements are kept. 0: no limit.
            """)
    var maxStatementLength: Int = StatementLimit.defaultMaxLength

    func validate() throws {
        guard maxFileSize >= 1 else { throw ValidationError("--max-file-size must be at least 1 (bytes)") }
        guard maxParagraphLength >= 0 else { throw ValidationError("--max-paragraph-length must be 0 (no limit) or more") }
        guard maxStatementLength >= 0 else { throw ValidationError("--max-statement-length must be 0 (no limit) or more") }
    }

    /// One warning per statement left out for its length.
    func warnExcluded(_ excluded: [StatementLimit.Exclusion]) {
        for exclusion in excluded { warn("stance: warning: \(exclusion)") }
    }

    func reader(path: String, skip: [URL] = []) -> DocumentReader {
        DocumentReader(path: path, skip: skip, maxFileBytes: maxFileSize, maxParagraphLength: maxParagraphLength)
    }

    /// Exits 2 when PATH itself cannot be used (missing, dangling link, unlistable folder).
    func checkPath(_ path: String) throws {
        do {
            try reader(path: path).checkRoot()
        } catch {
            warn("stance: \(error); nothing analysed")
            throw ExitCode(2)
        }
    }
}

/// What `stance analyze` counts for its closing summary line (output contract); all zero when the
/// run stopped before reading anything.
struct RunCounts {
    var analysed = 0
    var reused = 0
    var failed = 0
    var statements = 0

    /// `analysed N, reused R, failed M documents; S statements; T s`
    func summary(since started: Date) -> String {
        let seconds = Date().timeIntervalSince(started)
        return "analysed \(analysed), reused \(reused), failed \(failed) documents; \(statements) statements; "
            + String(format: "%.1f s", seconds)
    }
}

/// Makes sure `--out` is a folder the tool can write, creating it if needed; exits 2 (nothing
/// could be done) before anything is read when it is not.
func prepareOutputFolder(_ path: String) throws -> URL {
    let url = URL(fileURLWithPath: path).standardizedFileURL
    let fileManager = FileManager.default
    var isDirectory: ObjCBool = false
    if fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory) {
        guard isDirectory.boolValue else {
            warn("stance: --out \(path): exists and is not a folder; nothing analysed")
            throw ExitCode(2)
        }
    } else {
        do {
            try fileManager.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            warn("stance: --out \(path): cannot create the folder (\(blockingAncestor(of: url))); nothing analysed")
            throw ExitCode(2)
        }
    }
    let probe = url.appendingPathComponent(".stance-write-test-\(ProcessInfo.processInfo.processIdentifier)")
    guard fileManager.createFile(atPath: probe.path, contents: Data()) else {
        warn("stance: --out \(path): the folder is not writable; nothing analysed")
        throw ExitCode(2)
    }
    try? fileManager.removeItem(at: probe)
    return url
}

/// Why a folder cannot be created: the nearest existing ancestor that is not a folder, if any.
private func blockingAncestor(of url: URL) -> String {
    var current = url
    while current.path != "/" {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: current.path, isDirectory: &isDirectory)
        if !exists, (try? FileManager.default.destinationOfSymbolicLink(atPath: current.path)) != nil {
            return "\(current.path) is a dangling symbolic link"
        }
        if exists {
            return isDirectory.boolValue ? "\(current.path) is not writable" : "\(current.path) is not a folder"
        }
        current = current.deletingLastPathComponent()
    }
    return "no writable parent folder"
}
