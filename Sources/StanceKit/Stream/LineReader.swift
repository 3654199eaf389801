import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines from a file descriptor a block at a time (standard input, a part file), so memory
/// holds one block and the current line, never the whole stream. Lines end with LF; a CR before
/// it is dropped. A line longer than `maxLineBytes` is not kept: `next()` returns `.tooLong` and
/// skips to the next line end.
public final class LineReader {
    public enum Line: Equatable {
        case bytes([UInt8])
        /// The line's length in bytes (at least `maxLineBytes + 1`).
        case tooLong(Int)
    }

    private let descriptor: Int32
    private let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var finished = false
    /// 1-based number of the line `next()` returned last.
    public private(set) var lineNumber = 0

    public init(descriptor: Int32, maxLineBytes: Int = DocumentReader.defaultMaxFileBytes) {
        self.descriptor = descriptor
        self.maxLineBytes = maxLineBytes
    }

    /// The next line, nil at the end of the input. Throws when reading fails (errno's message).
    public func next() throws -> Line? {
        var skipped = 0
        while true {
            if let newline = buffer[position...].firstIndex(of: 0x0A) {
                var end = newline
                if end > position, buffer[end - 1] == 0x0D { end -= 1 }
                let line = Array(buffer[position..<end])
                position = newline + 1
                lineNumber += 1
                if skipped > 0 { return .tooLong(skipped + line.count) }
                return .bytes(line)
            }
            if finished {
                guard position < buffer.count || skipped > 0 else { return nil }
                var end = buffer.count
                if end > position, buffer[end - 1] == 0x0D { end -= 1 }
                let line = Array(buffer[position..<end])
                position = buffer.count
                lineNumber += 1
                if skipped > 0 { return .tooLong(skipped + line.count) }
                return .bytes(line)
            }
            // Keep the unfinished line, drop what was consumed, read the next block.
            if position > 0 {
                buffer.removeFirst(position)
                position = 0
            }
            if buffer.count > maxLineBytes {
                skipped += buffer.count
                buffer.removeAll(keepingCapacity: true)
            }
            try fill()
        }
    }

    private func fill() throws {
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = block.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer.append(contentsOf: block[0..<count])
                return
            }
            if count == 0 {
                finished = true
                return
            }
            if errno == EINTR { continue }
            throw LineReaderError(message: String(cString: strerror(errno)))
        }
    }
}

public struct LineReaderError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { "cannot read: \(message)" }
}
