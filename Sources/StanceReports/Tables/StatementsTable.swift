import StanceCore

extension Tables {
    /// `statements.csv`: one row per statement, by document, then start offset.
    public static func statements(_ result: CorpusResult) -> CSVTable {
        CSVTable(columns: statementColumns, rows: orderedStatements(result.statements).map { statementRow($0, run: result.run) })
    }

    public static let statementColumns: [CSVColumn] = [
        .text("statement_id"), .text("document"), .numeric("paragraph"), .numeric("start"), .numeric("end"),
        .text("speaker"), .text("speaker_mention"), .text("kind"), .text("cue"), .text("text"),
    ] + runColumns

    /// One row of `statements.csv`, for a table written row by row in `orderedStatements`' order.
    public static func statementRow(_ statement: Statement, run: RunInfo) -> [String] {
        [
            statement.id, statement.documentID, Cell.integer(statement.paragraph),
            Cell.integer(statement.range.start), Cell.integer(statement.range.end),
            statement.speaker, statement.speakerMention, statement.kind.rawValue, statement.cue, statement.text,
        ] + runCells(run)
    }

    /// Statements in the order of `statements.csv` and every other format: by document, then start,
    /// then end, then id (Unicode scalar order, the order of SQLite's text comparison on UTF-8).
    public static func orderedStatements(_ statements: [Statement]) -> [Statement] {
        Order.statements(statements)
    }
}
