import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that a crash never leaves it half-written: the bytes go to a temporary file in
/// the same folder (`.NAME.tmp-PID`), which is flushed to disk and then renamed over the target
/// (Foundation's plain `write(to:)` truncates the old file first).
///
/// - The temporary file is created exclusively and never through a symbolic link (`O_EXCL`,
///   `O_NOFOLLOW`), and the rename replaces a link at the target instead of following it: nothing is
///   written outside the folder.
/// - A temporary file left by a process that was killed while writing (its PID no longer runs) is
///   removed by the next write of the same file.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to url: URL) throws {
        let file = try Stream(url)
        do {
            try file.write(bytes)
        } catch {
            file.discard()
            throw error
        }
        try file.commit()
    }

    /// A file written piece by piece (a table too large to hold whole), with the same guarantees:
    /// nothing is at `url` but the old file until `commit`; `discard` (or an error) leaves it there.
    public final class Stream {
        let url: URL
        private let temporary: URL
        private var fd: Int32

        public init(_ url: URL) throws {
            self.url = url
            let folder = url.deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            removeStaleTemporaries(of: url)
            temporary = temporaryURL(for: url, pid: getpid())
            unlink(temporary.path)  // left by an earlier process that had the same PID
            fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            guard fd >= 0 else {
                throw OutputError(path: url.path, reason: "cannot write (is the folder writable?): \(String(cString: strerror(errno)))")
            }
        }

        deinit { discard() }

        public func write(_ bytes: [UInt8]) throws {
            guard fd >= 0 else { throw OutputError(path: url.path, reason: "cannot write: already closed") }
            var failure: String?
            bytes.withUnsafeBytes { buffer in
                var written = 0
                while written < buffer.count {
                    let count = writeDescriptor(fd, buffer.baseAddress! + written, buffer.count - written)
                    if count < 0 {
                        if errno == EINTR { continue }
                        failure = String(cString: strerror(errno))
                        return
                    }
                    written += count
                }
            }
            if let failure {
                discard()
                throw OutputError(path: url.path, reason: "cannot write: \(failure)")
            }
        }

        /// Flushes the file to disk and renames it over `url`.
        public func commit() throws {
            guard fd >= 0 else { throw OutputError(path: url.path, reason: "cannot write: already closed") }
            var failure: String?
            // A full disk may only show when the data is flushed.
            if fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
            if close(fd) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
            fd = -1
            if let failure {
                unlink(temporary.path)
                throw OutputError(path: url.path, reason: "cannot write: \(failure)")
            }
            if rename(temporary.path, url.path) != 0 {
                let reason = String(cString: strerror(errno))
                unlink(temporary.path)
                throw OutputError(path: url.path, reason: "cannot replace file: \(reason)")
            }
        }

        /// Removes the temporary file; `url` keeps what it held.
        public func discard() {
            guard fd >= 0 else { return }
            close(fd)
            fd = -1
            unlink(temporary.path)
        }
    }

    public static func write(_ text: String, to url: URL) throws { try write(Array(text.utf8), to: url) }

    static func temporaryURL(for url: URL, pid: Int32) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(pid)")
    }

    /// Removes `.NAME.tmp-PID` files beside `url` whose process is gone (a run killed while writing).
    /// Those of running processes (another run writing the same folder) are left alone.
    static func removeStaleTemporaries(of url: URL) {
        let folder = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent).tmp-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                unlink(folder.appendingPathComponent(name).path)
            }
        }
    }
}

/// `write(2)`, out of reach inside `AtomicFile`, whose own `write` hides it.
private func writeDescriptor(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, pointer, count)
}

/// An output that could not be written.
public struct OutputError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}
