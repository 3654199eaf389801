/// Writes CSV (RFC 4180) in either profile. The one place where cells are guarded, cut and quoted.
public enum CSVWriter {
    /// Excel keeps at most 32,767 characters (UTF-16 units) in a cell and silently drops the rest;
    /// cutting a little earlier leaves room for the `'` guard and makes the cut visible with `…`.
    public static let maxCellLength = 32_000

    /// First characters that make a spreadsheet run a cell as a formula (OWASP "CSV Injection").
    static let formulaTriggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// The whole file: byte-order mark (excel), header row, one line per row, each line ended.
    /// A row shorter than the header is padded with empty cells; extra cells are written as text.
    public static func render(columns: [CSVColumn], rows: [[String]], profile: CSVProfile) -> String {
        String(decoding: renderBytes(columns: columns, rows: rows, profile: profile), as: UTF8.self)
    }

    /// The same as UTF-8 bytes, written cell by cell into one buffer (a table of a million rows is
    /// written without a string per cell or per line).
    public static func renderBytes(columns: [CSVColumn], rows: [[String]], profile: CSVProfile) -> [UInt8] {
        var out: [UInt8] = []
        appendHeader(columns: columns, profile: profile, to: &out)
        for row in rows { appendRow(row, columns: columns, profile: profile, to: &out) }
        return out
    }

    /// The byte-order mark (excel) and the header line, appended to `out`: a table written row by
    /// row begins with these.
    public static func appendHeader(columns: [CSVColumn], profile: CSVProfile, to out: inout [UInt8]) {
        out.append(contentsOf: profile.byteOrderMark.utf8)
        for (index, column) in columns.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendCell(column.name, kind: .text, profile: profile, to: &out)
        }
        out.append(contentsOf: profile.lineEnd.utf8)
    }

    /// One row's line appended to `out` (padded or extended as in `renderBytes`).
    public static func appendRow(_ row: [String], columns: [CSVColumn], profile: CSVProfile, to out: inout [UInt8]) {
        for index in 0..<max(row.count, columns.count) {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendCell(index < row.count ? row[index] : "", kind: index < columns.count ? columns[index].kind : .text,
                       profile: profile, to: &out)
        }
        out.append(contentsOf: profile.lineEnd.utf8)
    }

    /// `cell(value, kind:, profile:)`'s bytes appended to `out`, byte by byte: the guard, the quotes
    /// and doubled inner quotes are all ASCII. Only a cell that may need cutting goes through `cell`.
    static func appendCell(_ value: String, kind: CSVColumnKind, profile: CSVProfile, to out: inout [UInt8]) {
        let utf8 = value.utf8
        let guarded = profile == .excel && kind == .text
        if guarded && utf8.count > maxCellLength {
            out.append(contentsOf: cell(value, kind: kind, profile: profile).utf8)
            return
        }
        guard let first = utf8.first, let last = utf8.last else { return }
        // A formula trigger: = + - @ TAB CR.
        let prefixed = guarded && (first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 || first == 0x09 || first == 0x0D)
        // Quoted: , " CR LF anywhere; space or tab at either end of the written value; a leading
        // byte-order mark (EF BB BF).
        var quoted = last == 0x20 || last == 0x09
        if !prefixed && !quoted {
            quoted = first == 0x20 || first == 0x09 || (first == 0xEF && utf8.starts(with: [0xEF, 0xBB, 0xBF]))
        }
        if !quoted {
            for byte in utf8 where byte == 0x2C || byte == 0x22 || byte == 0x0D || byte == 0x0A {
                quoted = true
                break
            }
        }
        if quoted { out.append(0x22) }
        if prefixed { out.append(0x27) }
        if quoted {
            for byte in utf8 {
                if byte == 0x22 { out.append(0x22) }
                out.append(byte)
            }
            out.append(0x22)
        } else {
            out.append(contentsOf: utf8)
        }
    }

    /// One cell as it appears in the file: guarded and cut (excel, text only), then quoted if needed.
    public static func cell(_ value: String, kind: CSVColumnKind, profile: CSVProfile) -> String {
        var value = value
        if profile == .excel && kind == .text {
            if let first = value.unicodeScalars.first, formulaTriggers.contains(first) {
                value = "'" + value
            }
            value = cut(value)
        }
        return quoted(value)
    }

    /// Cuts a cell longer than `maxCellLength` UTF-16 units at a character boundary and ends it with `…`.
    static func cut(_ value: String) -> String {
        guard value.utf16.count > maxCellLength else { return value }
        var kept = ""
        var length = 0
        let room = maxCellLength - 1  // "…" is one UTF-16 unit
        for character in value {
            let units = character.utf16.count
            if length + units > room { break }
            kept.append(character)
            length += units
        }
        return kept + "…"
    }

    /// RFC 4180: a field holding `,` `"` CR or LF is quoted, inner quotes doubled. A field that begins or
    /// ends with a space or tab, or begins with U+FEFF, is quoted too (allowed by RFC 4180): several readers, SwiftCSV among
    /// them, trim unquoted white space, and the plain profile promises values exactly.
    static func quoted(_ value: String) -> String {
        let scalars = value.unicodeScalars
        var needsQuotes = false
        for scalar in scalars where scalar == "," || scalar == "\"" || scalar == "\r" || scalar == "\n" {
            needsQuotes = true
            break
        }
        if !needsQuotes, let first = scalars.first, let last = scalars.last {
            // A value starting with U+FEFF is quoted too: unquoted at the start of a file, readers take
            // it for the byte-order mark and drop it (the round trip Fuzz/fuzz-csv checks).
            needsQuotes = first == " " || first == "\t" || last == " " || last == "\t" || first == "\u{FEFF}"
        }
        guard needsQuotes else { return value }
        var out = String.UnicodeScalarView()
        out.append("\"")
        for scalar in scalars {
            if scalar == "\"" { out.append("\"") }
            out.append(scalar)
        }
        out.append("\"")
        return String(out)
    }
}
