import Foundation

/// Reads CSV (RFC 4180) as our own tools write it and as spreadsheets save it: a leading byte-order
/// mark is dropped (or the first header would read "\u{FEFF}id"), CRLF, LF and lone CR all end a line,
/// and with the excel profile the formula guard is taken off again.
public enum CSVReader {
    /// Every row, header included, as cell values. A line with nothing on it is skipped (spreadsheets
    /// leave them at the end of files); write `""` for a row whose only cell is empty.
    public static func rows(_ text: String, profile: CSVProfile) throws -> [[String]] {
        var parser = Parser(profile: profile)
        return try parser.parse(Array(text.unicodeScalars))
    }

    /// Every row with the line it starts on (1-based; a quoted cell may span lines), for messages
    /// that name `file:line`.
    public static func numberedRows(_ text: String, profile: CSVProfile) throws -> [(line: Int, cells: [String])] {
        var parser = Parser(profile: profile)
        let rows = try parser.parse(Array(text.unicodeScalars))
        return Array(zip(parser.rowLines, rows)).map { (line: $0.0, cells: $0.1) }
    }

    /// The same from a file's bytes, which must be UTF-8.
    public static func rows(bytes: [UInt8], profile: CSVProfile) throws -> [[String]] {
        guard let text = String(data: Data(bytes), encoding: .utf8) else {
            throw CSVReadError(line: 1, message: "the file is not valid UTF-8")
        }
        return try rows(text, profile: profile)
    }

    /// The first row as the header and the rest as records.
    public static func table(_ text: String, profile: CSVProfile) throws -> CSVRecords {
        let all = try rows(text, profile: profile)
        return CSVRecords(header: all.first ?? [], rows: Array(all.dropFirst()))
    }

    /// Takes the excel profile's guard off a cell: a leading `'` goes only when the next character is one
    /// that a spreadsheet would run as a formula, so "'tis" keeps its apostrophe.
    public static func unguard(_ cell: String) -> String {
        let scalars = cell.unicodeScalars
        guard scalars.first == "'" else { return cell }
        let rest = scalars.dropFirst()
        guard let next = rest.first, CSVWriter.formulaTriggers.contains(next) else { return cell }
        return String(rest)
    }

    private enum State { case fieldStart, unquoted, quoted, afterQuote }

    /// A state machine over Unicode scalars. Not over `Character`s: Swift joins CR LF into one
    /// character, and a quote mark followed by a combining accent would be one too.
    private struct Parser {
        let profile: CSVProfile
        var rows: [[String]] = []
        /// The line each row of `rows` starts on.
        var rowLines: [Int] = []
        var rowStart = 1
        var row: [String] = []
        var field = String.UnicodeScalarView()
        var rowHasContent = false
        var line = 1
        var quoteLine = 1

        init(profile: CSVProfile) { self.profile = profile }

        mutating func parse(_ scalars: [Unicode.Scalar]) throws -> [[String]] {
            var index = scalars.first == "\u{FEFF}" ? 1 : 0
            var state = State.fieldStart
            while index < scalars.count {
                let scalar = scalars[index]
                let isLineEnd = scalar == "\n" || scalar == "\r"
                // CR LF is one line end.
                let step = scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n" ? 2 : 1
                if !rowHasContent && state == .fieldStart && !isLineEnd { rowStart = line }
                switch state {
                case .quoted:
                    if scalar == "\"" {
                        state = .afterQuote
                    } else {
                        field.append(scalar)
                        if isLineEnd { line += 1 }
                        if step == 2 { field.append("\n") }
                    }
                case .afterQuote:
                    if scalar == "\"" {
                        field.append("\"")
                        state = .quoted
                    } else if scalar == "," {
                        endField()
                        state = .fieldStart
                    } else if isLineEnd {
                        endRow()
                        state = .fieldStart
                    } else {
                        throw CSVReadError(line: line, message: "unexpected \"\(Character(scalar))\" after a closing quote mark")
                    }
                case .fieldStart, .unquoted:
                    if scalar == "\"" && state == .fieldStart {
                        rowHasContent = true
                        quoteLine = line
                        state = .quoted
                    } else if scalar == "," {
                        rowHasContent = true
                        endField()
                        state = .fieldStart
                    } else if isLineEnd {
                        endRow()
                        state = .fieldStart
                    } else {
                        // A quote mark inside an unquoted field is kept as it is (lenient, like Python's csv).
                        rowHasContent = true
                        field.append(scalar)
                        state = .unquoted
                    }
                }
                if isLineEnd && state == .fieldStart { line += 1 }
                index += step
            }
            if state == .quoted {
                throw CSVReadError(line: quoteLine, message: "a quoted field is not closed")
            }
            endRow()
            return rows
        }

        mutating func endField() {
            let value = String(field)
            row.append(profile == .excel ? CSVReader.unguard(value) : value)
            field = String.UnicodeScalarView()
        }

        mutating func endRow() {
            if rowHasContent {
                endField()
                rows.append(row)
                rowLines.append(rowStart)
            }
            row = []
            field = String.UnicodeScalarView()
            rowHasContent = false
        }
    }
}

/// A CSV file read as a header and records.
public struct CSVRecords: Sendable, Hashable {
    public let header: [String]
    public let rows: [[String]]

    /// The index of a column by its header, nil when there is none.
    public func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// A cell by row and column name; empty when the row is short or the column is missing.
    public func value(_ row: Int, _ column: String) -> String {
        guard let index = self.column(column), index < rows[row].count else { return "" }
        return rows[row][index]
    }
}

/// A CSV file that cannot be read, with the 1-based line where the problem is.
public struct CSVReadError: Error, Hashable, CustomStringConvertible {
    public let line: Int
    public let message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}
