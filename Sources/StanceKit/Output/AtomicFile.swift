import Foundation

/// Writes a file so that a crash never leaves it half-written: the bytes go to a temporary file in
/// the same folder, which is then renamed over the target (Foundation's plain `write(to:)`
/// truncates the old file first).
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(bytes)) else {
            throw OutputError(path: url.path, reason: "cannot write (is the folder writable?)")
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw OutputError(path: url.path, reason: "cannot replace file: \(reason)")
        }
    }

    public static func write(_ text: String, to url: URL) throws { try write(Array(text.utf8), to: url) }
}

/// An output that could not be written.
public struct OutputError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}
