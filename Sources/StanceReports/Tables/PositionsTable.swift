import StanceCore

/// What a `--by` breakdown groups positions by; its raw value is the column written after `topic`.
public enum PositionGrouping: String, Sendable, CaseIterable {
    /// The outlet that published the articles.
    case source
    /// The month of the articles, `YYYY-MM`.
    case month

    /// `positions_by_source.csv` or `positions_by_month.csv`.
    public var fileName: String { "positions_by_\(rawValue).csv" }
}

extension Tables {
    static let positionColumns: [CSVColumn] = [
        .text("speaker"), .text("stance"), .numeric("score"), .numeric("confidence"), .numeric("statements"),
        .numeric("favor_statements"), .numeric("against_statements"), .text("strongest_statement_id"),
    ]

    /// `positions.csv`: one row per speaker and topic (overall positions only), by topic, then speaker.
    public static func positions(_ result: CorpusResult) -> CSVTable {
        let rows = Order.positions(result.overallPositions).map { position in
            [position.topic] + positionCells(position) + runCells(result.run)
        }
        return CSVTable(columns: [.text("topic")] + positionColumns + runColumns, rows: rows)
    }

    /// `positions_by_source.csv` / `positions_by_month.csv`: the positions columns with the group right after
    /// `topic`, from the result's grouped positions (those whose `group` is set).
    public static func positions(_ result: CorpusResult, by grouping: PositionGrouping) -> CSVTable {
        groupedPositions(result.positions.filter { $0.group != nil }, by: grouping, run: result.run)
    }

    /// The same from a list of grouped positions, for a caller that keeps each breakdown apart.
    public static func groupedPositions(_ positions: [Position], by grouping: PositionGrouping, run: RunInfo) -> CSVTable {
        let rows = Order.positions(positions).map { position in
            [position.topic, position.group ?? ""] + positionCells(position) + runCells(run)
        }
        return CSVTable(columns: [.text("topic"), .text(grouping.rawValue)] + positionColumns + runColumns, rows: rows)
    }

    static func positionCells(_ position: Position) -> [String] {
        [
            position.speaker, position.label.rawValue, Cell.number(position.score), Cell.number(position.confidence),
            Cell.integer(position.statements), Cell.integer(position.favorStatements),
            Cell.integer(position.againstStatements), position.strongestStatementID ?? "",
        ]
    }
}
