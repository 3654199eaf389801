import StanceCore

extension Tables {
    /// `statements.csv`: one row per statement, by document, then start offset.
    public static func statements(_ result: CorpusResult) -> CSVTable {
        let columns: [CSVColumn] = [
            .text("statement_id"), .text("document"), .numeric("paragraph"), .numeric("start"), .numeric("end"),
            .text("speaker"), .text("speaker_mention"), .text("kind"), .text("cue"), .text("text"),
        ] + runColumns
        let rows = Order.statements(result.statements).map { statement in
            [
                statement.id, statement.documentID, Cell.integer(statement.paragraph),
                Cell.integer(statement.range.start), Cell.integer(statement.range.end),
                statement.speaker, statement.speakerMention, statement.kind.rawValue, statement.cue, statement.text,
            ] + runCells(result.run)
        }
        return CSVTable(columns: columns, rows: rows)
    }
}
