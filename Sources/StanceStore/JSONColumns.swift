import StanceCore

/// The JSON text stored in list columns (aliases, roles, links, evidence, lexicon entry fields).
/// Written and read by hand because it runs once per stance on the hot paths: `JSONEncoder` costs
/// more than the insert itself, and `JSONDecoder` some 30 times more than `JSONReader`.
enum JSONColumns {
    static func encode(_ strings: [String]) -> String {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (index, string) in strings.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendString(string, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    static func encode(_ fields: [String: String]) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (index, key) in fields.keys.sorted().enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            appendString(fields[key]!, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// `[{"rule","file","line","column","contribution","start","end"}]`; `start`/`end` absent when the
    /// evidence has no range.
    static func encode(_ evidence: [Evidence]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(evidence.count * 120 + 2)
        append(evidence, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `encode(_:)`'s bytes appended to `out`: a writer reuses one buffer for every row.
    static func append(_ evidence: [Evidence], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, item) in evidence.enumerated() {
            append(index > 0 ? #",{"rule":"# : #"{"rule":"#, to: &out)
            appendString(item.rule, to: &out)
            append(#","file":"#, to: &out)
            appendString(item.location.file, to: &out)
            append(#","line":"#, to: &out)
            appendNumber(item.location.line, to: &out)
            append(#","column":"#, to: &out)
            appendNumber(item.location.column, to: &out)
            append(#","contribution":"#, to: &out)
            // Swift's shortest round-trip form, which JSON parsers read back to the same Double.
            out.append(contentsOf: item.contribution.isFinite ? item.contribution.description.utf8 : "null".utf8)
            if let range = item.range {
                append(#","start":"#, to: &out)
                appendNumber(range.start, to: &out)
                append(#","end":"#, to: &out)
                appendNumber(range.end, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
    }

    static func decodeStrings(_ text: String) throws -> [String] {
        try JSONReader.read(text) { reader in try reader.array { try reader.string() } }
    }

    static func decodeFields(_ text: String) throws -> [String: String] {
        try JSONReader.read(text) { reader in
            var fields: [String: String] = [:]
            try reader.object { key in fields[key] = try reader.string() }
            return fields
        }
    }

    static func decodeEvidence(_ text: String) throws -> [Evidence] {
        try JSONReader.read(text) { reader in
            try reader.array {
                var rule = "", file = ""
                var line = 0, column = 1
                var contribution = Double.nan
                var start: Int?, end: Int?
                try reader.object { key in
                    switch key {
                    case "rule": rule = try reader.string()
                    case "file": file = try reader.string()
                    case "line": line = try reader.integer()
                    case "column": column = try reader.integer()
                    // null stands for a non-finite contribution, which JSON cannot write.
                    case "contribution": contribution = try reader.numberOrNull() ?? .nan
                    case "start": start = try reader.integer()
                    case "end": end = try reader.integer()
                    default: try reader.skipValue()
                    }
                }
                let range = start.flatMap { start in end.map { TextRange(start, $0) } }
                return Evidence(rule: rule, location: SourceLocation(file: file, line: line, column: column),
                                contribution: contribution, range: range)
            }
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private static func append(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// Decimal digits without going through `String(value)`, which allocates.
    private static func appendNumber(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        var divisor: UInt = 1
        while divisor <= magnitude / 10 { divisor *= 10 }
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(magnitude / divisor % 10))
            divisor /= 10
        } while divisor > 0
    }

    private static func appendString(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): out.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): out.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): out.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xf)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
