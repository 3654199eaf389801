/// How a CSV file is laid out for its reader (output contract, CSV profiles).
public enum CSVProfile: String, Sendable, CaseIterable {
    /// For spreadsheets, the default: a UTF-8 byte-order mark (without it Excel on Windows reads
    /// "Babaoğlu" as "BabaoÄŸlu"), CRLF line ends, a `'` before text cells that a spreadsheet would
    /// run as a formula, and cells cut to fit Excel's cell limit.
    case excel
    /// For data tools: no byte-order mark, LF line ends, every value exactly as computed.
    case plain

    var lineEnd: String { self == .excel ? "\r\n" : "\n" }
    var byteOrderMark: String { self == .excel ? "\u{FEFF}" : "" }
}

/// Whether a column holds text or numbers. Only text cells get the formula guard: a score of
/// -0.42 must stay a number in a spreadsheet.
public enum CSVColumnKind: Sendable, Hashable {
    case text
    case numeric
}

/// One column of a table: its header and its kind.
public struct CSVColumn: Sendable, Hashable {
    public let name: String
    public let kind: CSVColumnKind

    public init(_ name: String, _ kind: CSVColumnKind = .text) {
        self.name = name
        self.kind = kind
    }

    public static func text(_ name: String) -> CSVColumn { CSVColumn(name, .text) }
    public static func numeric(_ name: String) -> CSVColumn { CSVColumn(name, .numeric) }
}

/// A table ready to write: columns and rows of cell values, already in their final order.
/// Rendering it is the only way tables become CSV, so quoting and the profiles live in one place
/// (`CSVWriter`).
public struct CSVTable: Sendable, Hashable {
    public let columns: [CSVColumn]
    public let rows: [[String]]

    public init(columns: [CSVColumn], rows: [[String]]) {
        self.columns = columns
        self.rows = rows
    }

    public var header: [String] { columns.map(\.name) }

    /// The file's text; write it as UTF-8 (the excel profile's byte-order mark is its first character).
    public func render(_ profile: CSVProfile) -> String {
        CSVWriter.render(columns: columns, rows: rows, profile: profile)
    }

    /// The file's bytes.
    public func bytes(_ profile: CSVProfile) -> [UInt8] {
        CSVWriter.renderBytes(columns: columns, rows: rows, profile: profile)
    }
}
