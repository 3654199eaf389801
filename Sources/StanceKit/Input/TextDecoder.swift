import Foundation

/// Decodes article bytes strictly: UTF-8 only (a leading byte-order mark removed), with a clear
/// reason for everything else, so nothing is analysed as noise.
public enum TextDecoder {
    public static func decode(_ bytes: [UInt8]) -> Result<String, DecodeProblem> {
        if bytes.isEmpty { return .failure(.empty) }
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            return .failure(.utf16)
        }
        var body = bytes[...]
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { body = bytes[3...] }
        if let nul = body.firstIndex(of: 0) {
            // UTF-16 without a byte-order mark shows as every other byte zero.
            let sample = body.prefix(200)
            let zeros = sample.filter { $0 == 0 }.count
            if zeros * 3 >= sample.count { return .failure(.utf16) }
            return .failure(.binary(offset: nul - body.startIndex))
        }
        var offset = 0
        var decoder = UTF8()
        var iterator = body.makeIterator()
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(body.count)
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                scalars.append(s)
                offset += UTF8.width(s)
            case .emptyInput:
                break loop
            case .error:
                return .failure(.invalidUTF8(offset: offset))
            }
        }
        let text = String(scalars)
        if text.allSatisfy({ $0.isWhitespace }) { return .failure(.empty) }
        return .success(text)
    }

    public enum DecodeProblem: Error, Equatable, CustomStringConvertible {
        case empty
        case utf16
        case binary(offset: Int)
        case invalidUTF8(offset: Int)

        public var description: String {
            switch self {
            case .empty: "empty file (no text to analyse)"
            case .utf16: "UTF-16 text is not supported; convert the file to UTF-8"
            case .binary(let offset): "binary file (NUL byte at byte \(offset)); not analysed"
            case .invalidUTF8(let offset): "invalid UTF-8 at byte \(offset); convert the file to UTF-8"
            }
        }
    }
}
