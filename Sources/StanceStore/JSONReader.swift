/// A minimal reader for the JSON that `JSONColumns` writes: arrays, objects, strings, numbers and
/// null. Anything else, or malformed text, throws `JSONReader.Malformed`. A class, so that the
/// closures reading an array's elements or an object's members can use the same reader.
final class JSONReader {
    struct Malformed: Error, CustomStringConvertible {
        let text: String
        var description: String { "malformed JSON column value: \(text.prefix(200))" }
    }

    private let bytes: [UInt8]
    private var position = 0

    private init(_ text: String) { bytes = Array(text.utf8) }

    /// Reads one value with `body` and checks that nothing but white space follows.
    static func read<T>(_ text: String, _ body: (JSONReader) throws -> T) throws -> T {
        let reader = JSONReader(text)
        do {
            let value = try body(reader)
            reader.skipSpace()
            guard reader.position == reader.bytes.count else { throw Malformed(text: text) }
            return value
        } catch is Malformed {
            throw Malformed(text: text)
        }
    }

    func array<T>(_ element: () throws -> T) throws -> [T] {
        try expect(UInt8(ascii: "["))
        var result: [T] = []
        if try peek() == UInt8(ascii: "]") {
            position += 1
            return result
        }
        repeat { result.append(try element()) } while try separator(closing: UInt8(ascii: "]"))
        return result
    }

    /// Calls `member` with each key; it must read the value.
    func object(_ member: (String) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        if try peek() == UInt8(ascii: "}") {
            position += 1
            return
        }
        repeat {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try member(key)
        } while try separator(closing: UInt8(ascii: "}"))
    }

    func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        var utf8: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try unescape(into: &utf8)
            default:
                utf8.append(byte)
            }
        }
        throw Malformed(text: "")
    }

    func integer() throws -> Int {
        guard let value = Int(try numberText()) else { throw Malformed(text: "") }
        return value
    }

    func numberOrNull() throws -> Double? {
        if try peek() == UInt8(ascii: "n") {
            try literal("null")
            return nil
        }
        guard let value = Double(try numberText()) else { throw Malformed(text: "") }
        return value
    }

    /// Skips a value of a key this version does not know (written by a later one).
    func skipValue() throws {
        switch try peek() {
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "["): _ = try array { try skipValue() }
        case UInt8(ascii: "{"): try object { _ in try skipValue() }
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        default: _ = try numberText()
        }
    }

    // MARK: - Private

    private func skipSpace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    private func peek() throws -> UInt8 {
        skipSpace()
        guard position < bytes.count else { throw Malformed(text: "") }
        return bytes[position]
    }

    private func expect(_ byte: UInt8) throws {
        guard try peek() == byte else { throw Malformed(text: "") }
        position += 1
    }

    /// After an element: true at a comma, false at the closing bracket.
    private func separator(closing: UInt8) throws -> Bool {
        let byte = try peek()
        position += 1
        if byte == UInt8(ascii: ",") { return true }
        if byte == closing { return false }
        throw Malformed(text: "")
    }

    private func literal(_ word: String) throws {
        for expected in word.utf8 {
            guard position < bytes.count, bytes[position] == expected else { throw Malformed(text: "") }
            position += 1
        }
    }

    private func numberText() throws -> Substring {
        _ = try peek()
        let start = position
        while position < bytes.count, "+-0123456789.eE".utf8.contains(bytes[position]) { position += 1 }
        guard position > start else { throw Malformed(text: "") }
        return Substring(decoding: bytes[start..<position], as: UTF8.self)
    }

    private func unescape(into utf8: inout [UInt8]) throws {
        guard position < bytes.count else { throw Malformed(text: "") }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(byte)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar) {
                // A surrogate pair: the low half must follow as another \u escape.
                try literal("\\u")
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw Malformed(text: "") }
                scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw Malformed(text: "") }
            utf8.append(contentsOf: String(Character(unicode)).utf8)
        default:
            throw Malformed(text: "")
        }
    }

    private func hex4() throws -> UInt32 {
        guard bytes.count - position >= 4 else { throw Malformed(text: "") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            position += 1
            guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { throw Malformed(text: "") }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
