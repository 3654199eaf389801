import Foundation

/// Decodes article bytes strictly: UTF-8 only (a leading byte-order mark removed, line ends kept),
/// with a clear reason for everything else, so nothing is analysed as noise. Byte offsets in the
/// reasons count from the start of the file (the byte-order mark included), as `xxd` and `cmp` do.
public enum TextDecoder {
    public static func decode(_ bytes: [UInt8]) -> Result<String, DecodeProblem> {
        if bytes.isEmpty { return .failure(.empty) }
        if let encoding = byteOrderMark(bytes) { return .failure(.utf16(byteOrderMark: true, encoding: encoding)) }
        let bomLength = hasUTF8ByteOrderMark(bytes) ? 3 : 0
        return bytes.withUnsafeBufferPointer { buffer in
            let body = UnsafeBufferPointer(rebasing: buffer[bomLength...])
            if let nul = firstNUL(body) {
                if let encoding = looksLikeUTF16(body) { return .failure(.utf16(byteOrderMark: false, encoding: encoding)) }
                return .failure(.binary(offset: bomLength + nul))
            }
            guard let text = String(validating: body, as: UTF8.self) else {
                let offset = bomLength + firstInvalidUTF8(body)
                let line = 1 + buffer[..<offset].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
                return .failure(.invalidUTF8(offset: offset, line: line, byte: buffer[offset]))
            }
            if isBlank(body) { return .failure(.blank) }
            return .success(text)
        }
    }

    /// Whether the bytes start with the UTF-8 byte-order mark EF BB BF.
    static func hasUTF8ByteOrderMark(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    /// A UTF-16 or UTF-32 byte-order mark: the encoding's name.
    static func byteOrderMark(_ bytes: [UInt8]) -> String? {
        if bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xFE, bytes[2] == 0, bytes[3] == 0 { return "UTF-32LE" }
        if bytes.count >= 4, bytes[0] == 0, bytes[1] == 0, bytes[2] == 0xFE, bytes[3] == 0xFF { return "UTF-32BE" }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return "UTF-16LE" }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return "UTF-16BE" }
        return nil
    }

    static func firstNUL(_ body: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = body.baseAddress, !body.isEmpty, let hit = memchr(base, 0, body.count) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// UTF-16 without a byte-order mark: in the first bytes, NUL at most even (big-endian) or most
    /// odd (little-endian) positions and almost never at the others, as Latin text in UTF-16 shows.
    static func looksLikeUTF16(_ body: UnsafeBufferPointer<UInt8>) -> String? {
        let sample = min(body.count, 1024) & ~1
        guard sample >= 2 else { return nil }
        var evenZeros = 0, oddZeros = 0
        for i in 0..<sample where body[i] == 0 {
            if i % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
        }
        let half = sample / 2
        guard max(evenZeros, oddZeros) >= 4 else { return nil }  // too little to tell: binary
        if oddZeros * 10 >= half * 4 && evenZeros * 20 <= half { return "UTF-16LE" }
        if evenZeros * 10 >= half * 4 && oddZeros * 20 <= half { return "UTF-16BE" }
        return nil
    }

    /// The offset of the first byte that does not start a valid UTF-8 sequence.
    static func firstInvalidUTF8(_ body: UnsafeBufferPointer<UInt8>) -> Int {
        var offset = 0
        var decoder = UTF8()
        var iterator = body.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return offset
            case .error: return offset
            }
        }
    }

    /// Only spaces, tabs and line ends (ASCII, or the Unicode spaces a text editor shows as blank).
    static func isBlank(_ body: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in body where !(byte == 0x20 || (0x09...0x0D).contains(byte)) {
            guard byte >= 0x80 else { return false }
            // Non-ASCII: decide on the scalars (rare: only files with no ASCII letter get here).
            return String(decoding: body, as: UTF8.self).unicodeScalars.allSatisfy { $0.properties.isWhitespace }
        }
        return true
    }

    public enum DecodeProblem: Error, Equatable, CustomStringConvertible, Sendable {
        /// No bytes at all.
        case empty
        /// Only whitespace and line ends.
        case blank
        /// UTF-16 or UTF-32 text (`encoding` names which), with or without a byte-order mark.
        case utf16(byteOrderMark: Bool, encoding: String)
        /// A NUL byte in text that is not UTF-16.
        case binary(offset: Int)
        /// A byte sequence that is not UTF-8: the offset of its first byte from the start of the file.
        case invalidUTF8(offset: Int, line: Int, byte: UInt8)

        public var description: String {
            switch self {
            case .empty: "empty file (0 bytes); nothing to analyse"
            case .blank: "blank file (only whitespace); nothing to analyse"
            case .utf16(true, let encoding):
                "\(encoding) text (byte-order mark); not analysed: only UTF-8 is read, convert the file to UTF-8"
            case .utf16(false, let encoding):
                "looks like \(encoding) text without a byte-order mark (every other byte is NUL); not analysed: "
                    + "only UTF-8 is read, convert the file to UTF-8"
            case .binary(let offset): "binary file (NUL byte at byte offset \(offset)); not analysed"
            case .invalidUTF8(let offset, let line, let byte):
                "invalid UTF-8 at byte offset \(offset) (line \(line), byte 0x\(String(byte, radix: 16, uppercase: true))); "
                    + "not analysed: convert the file to UTF-8"
            }
        }
    }
}
