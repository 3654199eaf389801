import Foundation
import StanceCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds and reads the articles under an input path: `.txt` and `.md` files (one article each)
/// and `.jsonl` files (one article per line: `id`, `text`, optional `title`, `date`, `source`,
/// `url`; see `JSONLArticles`).
///
/// Walking a folder:
/// - Folders are read recursively, entries in sorted order. Hidden entries (a name starting with
///   `.`) and files with other extensions are skipped; so are the paths in `skip` (the output folder
///   and the database when they lie inside PATH), compared after resolving symbolic links.
/// - Symbolic links are followed. A link to a folder that is already being walked (a symlink loop,
///   e.g. `sub/up -> ..`) is not entered again: its files are read once, under their first path.
/// - A folder named like an article (`x.txt/`) is a folder: it is walked, not read.
/// - Entries the tool cannot read are failures naming the entry, and the others are still read: a
///   dangling symbolic link or a link loop with an article's name, a named pipe (FIFO), socket or
///   device with an article's name (never opened: the file type is checked first, so a FIFO cannot
///   block the run), a subfolder that cannot be listed.
/// - Only an unusable PATH itself (missing, dangling link, unlistable folder) throws.
///
/// Reading a file (each a failure with a message naming the file, the rest of the corpus read):
/// - Text must be UTF-8 (a leading byte-order mark is removed, line ends are kept as they are):
///   UTF-16/UTF-32 (with or without byte-order mark), NUL bytes (binary), invalid UTF-8 (the message
///   gives the byte offset from the start of the file and the line), an empty file and a file of
///   only whitespace are refused. See `TextDecoder`.
///
/// Limits (documented resource limits; a file over one is refused with a message naming the limit
/// and the option that raises it):
/// - `maxFileBytes` (`--max-file-size`, default 64 MiB): the size of one input file, checked before
///   it is read. 64 MiB holds any real article or a large JSONL batch.
/// - `maxParagraphLength` (`--max-paragraph-length`, default 100,000 Unicode scalars; 0 = no
///   limit): the longest paragraph of one article (a block between blank lines, or a line when the
///   text has no blank line: the output contract's paragraphs). Segmentation and attribution work
///   paragraph by paragraph and grow faster than linearly with a paragraph's length and its number
///   of quote marks (measured: 5,000 quotations on one 105 KB line take 1.3 s in a release build,
///   52 s in a debug build; a 5 MB line with a quotation every sentence did not finish in ten
///   minutes in release; 5 MB of prose on one line takes 22 s in release). At the limit a paragraph
///   costs about a second in release whatever it holds. Real paragraphs are under a few thousand
///   characters; a whole article on one line (as JSONL scrapes often have) stays far below it.
///
/// Empty and whitespace-only files count as failed inputs (named on stderr, exit 1), as do
/// entries refused for any reason above; a folder with no article at all is not a failure.
public struct DocumentReader: Sendable {
    /// Lowercase; matched in any case.
    public static let articleExtensions: Set<String> = ["txt", "md", "jsonl"]
    /// The default of `maxFileBytes`: 64 MiB.
    public static let defaultMaxFileBytes = 64 * 1024 * 1024
    /// The default of `maxParagraphLength`, in Unicode scalars.
    public static let defaultMaxParagraphLength = 100_000

    /// PATH, absolute and standardised.
    public let root: URL
    /// PATH as given, used to name files in messages so that they can be opened as printed.
    public let displayRoot: String
    public let skip: [URL]
    public let maxFileBytes: Int
    /// 0 means no limit.
    public let maxParagraphLength: Int
    /// `--shard K/N`: only the documents of this shard are read (text files by their id, without
    /// being opened; JSONL articles one by one, and a bad JSONL line by its `file:line` id, so each
    /// failure is reported by exactly one shard). Nil: every document.
    public var shard: Shard?
    private let skipIdentities: Set<FileIdentity>
    /// Canonical paths of the `skip` entries that did not exist when the reader was made (an output
    /// folder or database created later): only these need a path comparison while walking.
    private let skipPathsWithoutIdentity: Set<String>

    public init(path: String, skip: [URL] = [], maxFileBytes: Int = DocumentReader.defaultMaxFileBytes,
                maxParagraphLength: Int = DocumentReader.defaultMaxParagraphLength) {
        root = URL(fileURLWithPath: path).standardizedFileURL
        displayRoot = path
        self.skip = skip.map { FileStatus.realPath($0.standardizedFileURL.path).map { URL(fileURLWithPath: $0) } ?? $0.standardizedFileURL }
        skipIdentities = Set(skip.compactMap { FileStatus.of($0.path, followLinks: true).identity })
        skipPathsWithoutIdentity = Set(zip(skip, self.skip).compactMap { given, resolved in
            FileStatus.of(given.path, followLinks: true).identity == nil ? resolved.path : nil
        })
        self.maxFileBytes = maxFileBytes
        self.maxParagraphLength = maxParagraphLength
    }

    /// One input file (or an entry that could not be used) with the document id it gives.
    public struct Entry: Sendable {
        /// The file's path (PATH made absolute, joined with `id`).
        public let path: String
        /// Document id for text files; for JSONL files, the file's relative path.
        public let id: String
        /// The path naming the entry in messages (PATH as given, joined with `id`).
        public let displayPath: String
        /// Why the entry cannot be read, found while walking (a dangling link, a link loop, a folder
        /// that cannot be listed); `read` returns it as the entry's failure.
        public let problem: String?
        /// A `.jsonl` file (any case): one article per line.
        public let isJSONLines: Bool

        init(path: String, id: String, displayPath: String, problem: String?) {
            self.path = path
            self.id = id
            self.displayPath = displayPath
            self.problem = problem
            isJSONLines = Self.hasExtension(path, "jsonl")
        }

        public var url: URL { URL(fileURLWithPath: path) }

        /// Whether a path's last component ends in `.` + `ext` (ASCII, any case) after at least one
        /// other character, as `URL.pathExtension` would say, without building a URL or a lowercased
        /// copy (a walk asks for every file).
        static func hasExtension(_ path: String, _ ext: String) -> Bool {
            var bytes = path.utf8.reversed().makeIterator()
            for wanted in ext.utf8.reversed() {
                guard let byte = bytes.next(), (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) == wanted else { return false }
            }
            guard bytes.next() == UInt8(ascii: "."), let before = bytes.next() else { return false }
            return before != UInt8(ascii: "/")
        }

        static func isArticle(_ name: String) -> Bool {
            DocumentReader.articleExtensions.contains { hasExtension(name, $0) }
        }
    }

    /// Throws when PATH itself cannot be used: it does not exist, is a dangling symbolic link, or is
    /// a folder that cannot be listed. Cheap; `entries()` checks the same.
    public func checkRoot() throws {
        let status = FileStatus.of(root.path, followLinks: true)
        switch status.kind {
        case .missing(let reason): throw InputError(path: displayRoot, reason: reason)
        case .directory:
            if opendir(root.path).map({ closedir($0) }) == nil {
                throw InputError(path: displayRoot, reason: "cannot list folder: \(FileStatus.errnoText())")
            }
        default: break
        }
    }

    /// The article files in reading order, or an error when PATH itself cannot be used.
    public func entries() throws -> [Entry] {
        try checkRoot()
        let status = FileStatus.of(root.path, followLinks: true)
        guard case .directory = status.kind else {
            let entry = Entry(path: root.path, id: root.lastPathComponent, displayPath: displayRoot, problem: nil)
            if let shard, !entry.isJSONLines, !shard.contains(entry.id) { return [] }
            return [entry]
        }
        var result: [Entry] = []
        try walk(root.path, relative: "", ancestors: status.identity.map { [$0] } ?? [], into: &result)
        guard let shard else { return result }
        return result.filter { $0.isJSONLines || shard.contains($0.id) }
    }

    private func display(_ relative: String) -> String {
        if displayRoot.hasSuffix("/") { return displayRoot + relative }
        return displayRoot + "/" + relative
    }

    /// Names in `String` order. ASCII names (nearly always) are sorted by their bytes, which is the
    /// same order at a fraction of the cost: a folder of 100,000 files spent more on comparing names
    /// than on `stat`.
    static func sortedNames(_ names: [String]) -> [String] {
        guard names.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) else { return names.sorted() }
        return names.sortedByUTF8()
    }

    /// Compared by file identity; by canonical path only for skip entries that did not exist when
    /// the reader was made (resolving every walked path would cost a `realpath` per file).
    private func isSkipped(_ path: String, _ status: FileStatus) -> Bool {
        if let identity = status.identity, skipIdentities.contains(identity) { return true }
        guard !skipPathsWithoutIdentity.isEmpty else { return false }
        let resolved = FileStatus.realPath(path) ?? URL(fileURLWithPath: path).standardizedFileURL.path
        return skipPathsWithoutIdentity.contains(resolved)
    }

    /// Walks with plain path strings: building a `URL` per file cost more than the `stat` calls
    /// (a re-run over 25,000 unchanged files spent most of its time here).
    private func walk(_ folder: String, relative: String, ancestors: Set<FileIdentity>, into result: inout [Entry]) throws {
        let names: [String]
        do {
            names = Self.sortedNames(try FileManager.default.contentsOfDirectory(atPath: folder))
        } catch {
            let reason = "cannot list folder: \(error.localizedDescription)"
            if relative.isEmpty { throw InputError(path: displayRoot, reason: reason) }
            result.append(Entry(path: folder, id: relative + "/", displayPath: display(relative) + "/", problem: reason))
            return
        }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        for name in names where !name.hasPrefix(".") {
            let path = prefix + name
            let id = relative.isEmpty ? name : relative + "/" + name
            let isArticle = Entry.isArticle(name)
            let status = FileStatus.of(path, followLinks: true)
            if isSkipped(path, status) { continue }
            switch status.kind {
            case .directory:
                // A link back to a folder being walked (a symlink loop): its files are read once.
                guard let identity = status.identity, !ancestors.contains(identity) else { continue }
                try walk(path, relative: id, ancestors: ancestors.union([identity]), into: &result)
            case .missing(let reason):
                if isArticle { result.append(Entry(path: path, id: id, displayPath: display(id), problem: reason)) }
            default:
                // Regular files and also pipes, sockets, devices: `read` refuses those without opening them.
                if isArticle { result.append(Entry(path: path, id: id, displayPath: display(id), problem: nil)) }
            }
        }
    }

    /// Reads one entry: its documents, and an error for each part that could not be read.
    public func read(_ entry: Entry) -> [Result<Document, InputError>] {
        let fail = { (reason: String) in [Result<Document, InputError>.failure(InputError(path: entry.displayPath, document: entry.id, reason: reason))] }
        if let problem = entry.problem { return fail(problem + "; not read") }
        let bytes: [UInt8]
        switch FileStatus.readRegularFile(entry.path, maxBytes: maxFileBytes) {
        case .success(let read): bytes = read
        case .failure(let problem): return fail(problem.reason)
        }
        if entry.isJSONLines {
            let items = JSONLArticles.read(bytes, path: entry.displayPath, document: entry.id, maxParagraphLength: maxParagraphLength)
            guard let shard else { return items }
            return items.filter { item in
                switch item {
                case .success(let document): shard.contains(document.id)
                case .failure(let error): shard.contains(error.document)
                }
            }
        }
        switch TextDecoder.decode(bytes) {
        case .failure(let problem): return fail(problem.description)
        case .success(let text):
            if let over = ParagraphMeasure.overLimit(text, limit: maxParagraphLength) { return fail(over) }
            return [.success(Document(id: entry.id, text: text))]
        }
    }
}

/// The longest paragraph of a text, as the output contract counts paragraphs: blocks separated by
/// blank lines, or lines when the text has no blank line. Line ends are LF, CRLF or a lone CR.
enum ParagraphMeasure {
    /// The length in Unicode scalars of the longest paragraph and the 1-based line it starts on.
    static func longest(_ text: String) -> (length: Int, line: Int) {
        var text = text
        return text.withUTF8 { bytes in
            var maxLine = 0, maxLineStart = 1
            var maxBlock = 0, maxBlockStart = 1
            var blankLines = 0
            var lineNumber = 1, lineLength = 0, lineBlank = true
            var blockLength = 0, blockStart = 0, blockBreak = 0  // blockStart 0: no open block
            func endLine(_ breakLength: Int) {
                if lineLength > maxLine { maxLine = lineLength; maxLineStart = lineNumber }
                if lineBlank {
                    blankLines += 1
                    blockStart = 0
                } else {
                    if blockStart == 0 {
                        blockStart = lineNumber
                        blockLength = lineLength
                    } else {
                        blockLength += blockBreak + lineLength
                    }
                    blockBreak = breakLength
                    if blockLength > maxBlock { maxBlock = blockLength; maxBlockStart = blockStart }
                }
                lineNumber += 1
                lineLength = 0
                lineBlank = true
            }
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte == 0x0A {
                    endLine(1)
                } else if byte == 0x0D {
                    if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1; endLine(2) } else { endLine(1) }
                } else if byte & 0xC0 != 0x80 {  // the first byte of a scalar
                    lineLength += 1
                    if lineBlank {
                        if byte < 0x80 {
                            lineBlank = byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C
                        } else {
                            lineBlank = isSpace(scalarAt(bytes, i))
                        }
                    }
                }
                i += 1
            }
            let lastLineBlank = lineBlank
            endLine(0)
            // A final line break leaves an empty last line that separates nothing (as the cleaner).
            if lastLineBlank, lineNumber - 1 > 1 { blankLines -= 1 }
            return blankLines > 0 ? (maxBlock, maxBlockStart) : (maxLine, maxLineStart)
        }
    }

    /// Blank as the segmenter counts it: Unicode whitespace, ZERO WIDTH SPACE, the byte-order mark.
    private static func isSpace(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return scalar.properties.isWhitespace || scalar == "\u{200B}" || scalar == "\u{FEFF}"
    }

    private static func scalarAt(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Unicode.Scalar? {
        var iterator = bytes[i..<min(i + 4, bytes.count)].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }

    /// The reason to refuse a text whose longest paragraph is over `limit` (0: no limit).
    /// `lineOf` names what the line number counts in ("" for a file, " of its text" for a JSONL article).
    static func overLimit(_ text: String, limit: Int, lineOf: String = "") -> String? {
        guard limit > 0, text.utf8.count > limit else { return nil }
        let (length, line) = longest(text)
        guard length > limit else { return nil }
        return "paragraph at line \(line)\(lineOf) is \(length) characters long, over the limit of \(limit) "
            + "(raise it with --max-paragraph-length); not analysed"
    }
}

/// A file's identity (device and inode): what symlink-loop detection and the skip list compare.
struct FileIdentity: Hashable, Sendable {
    let device: UInt64
    let inode: UInt64
}

/// What `stat` says about a path, without opening it.
struct FileStatus {
    enum Kind {
        case regular(size: Int)
        case directory
        case other(String)
        /// Missing, dangling link, link loop or unreadable: the reason.
        case missing(String)
    }

    let kind: Kind
    let identity: FileIdentity?

    // File type bits (the same values on Linux and Darwin).
    private static let typeMask: UInt32 = 0o170000
    private static let typeRegular: UInt32 = 0o100000
    private static let typeDirectory: UInt32 = 0o040000
    private static let typeFIFO: UInt32 = 0o010000
    private static let typeSocket: UInt32 = 0o140000
    private static let typeCharacter: UInt32 = 0o020000
    private static let typeBlock: UInt32 = 0o060000
    private static let typeLink: UInt32 = 0o120000

    static func errnoText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }

    static func of(_ path: String, followLinks: Bool) -> FileStatus {
        var info = stat()
        let status = followLinks ? stat(path, &info) : lstat(path, &info)
        guard status == 0 else {
            let code = errno
            var link = stat()
            let isLink = followLinks && lstat(path, &link) == 0 && UInt32(link.st_mode) & typeMask == typeLink
            let reason: String
            switch code {
            case ELOOP: reason = "symbolic link loop"
            case ENOENT where isLink: reason = "dangling symbolic link (its target does not exist)"
            case ENOENT: reason = "no such file or folder"
            default: reason = "cannot read: \(errnoText(code))"
            }
            return FileStatus(kind: .missing(reason), identity: nil)
        }
        let identity = FileIdentity(device: UInt64(bitPattern: Int64(info.st_dev)), inode: UInt64(info.st_ino))
        return FileStatus(kind: kind(mode: UInt32(info.st_mode), size: Int(info.st_size)), identity: identity)
    }

    static func kind(mode: UInt32, size: Int) -> Kind {
        switch mode & typeMask {
        case typeRegular: .regular(size: size)
        case typeDirectory: .directory
        case typeFIFO: .other("a named pipe (FIFO)")
        case typeSocket: .other("a socket")
        case typeCharacter, typeBlock: .other("a device")
        default: .other("an unknown file type")
        }
    }

    /// The canonical path (links resolved), or nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    struct ReadProblem: Error { let reason: String }

    /// Reads a regular file of at most `maxBytes`. The type and size are checked with `stat` first,
    /// so a FIFO, socket or device is never opened; the file is opened non-blocking and checked
    /// again on the descriptor, in case it was replaced in between.
    static func readRegularFile(_ path: String, maxBytes: Int) -> Result<[UInt8], ReadProblem> {
        let status = of(path, followLinks: true)
        switch status.kind {
        case .missing(let reason): return .failure(ReadProblem(reason: reason + "; not read"))
        case .directory: return .failure(ReadProblem(reason: "is a folder; not read"))
        case .other(let what): return .failure(ReadProblem(reason: "\(what), not a regular file; not read"))
        case .regular(let size):
            if size > maxBytes { return .failure(tooLarge(size, maxBytes)) }
        }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .failure(ReadProblem(reason: "cannot open: \(errnoText())")) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(ReadProblem(reason: "cannot read: \(errnoText())")) }
        guard case .regular(let size) = kind(mode: UInt32(info.st_mode), size: Int(info.st_size)) else {
            return .failure(ReadProblem(reason: "not a regular file; not read"))
        }
        if size > maxBytes { return .failure(tooLarge(size, maxBytes)) }
        // Read to the end, but never more than the limit (the file may grow while it is read).
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var count = 0
        while true {
            if count == bytes.count {
                if count > maxBytes { return .failure(ReadProblem(reason: "file grew over the limit of \(maxBytes) bytes while it was read (raise it with --max-file-size); not read")) }
                bytes.append(contentsOf: repeatElement(0, count: min(1 << 20, maxBytes + 1 - count)))
            }
            let got = bytes.withUnsafeMutableBytes { buffer in
                read(fd, buffer.baseAddress! + count, buffer.count - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                return .failure(ReadProblem(reason: "cannot read: \(errnoText())"))
            }
            if got == 0 { break }
            count += got
        }
        bytes.removeLast(bytes.count - count)
        return .success(bytes)
    }

    static func tooLarge(_ size: Int, _ limit: Int) -> ReadProblem {
        ReadProblem(reason: "file is \(size) bytes, over the limit of \(limit) bytes (raise it with --max-file-size); not read")
    }
}
