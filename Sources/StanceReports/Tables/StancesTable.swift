import StanceCore

extension Tables {
    /// `stances.csv`: one row per statement and topic it was placed in, in statement order, then by topic.
    /// `evidence` lists the rules that fired as `rule_id@file:line=contribution`, `; `-joined.
    public static func stances(_ result: CorpusResult) -> CSVTable {
        CSVTable(columns: stanceColumns,
                 rows: orderedStances(result.stances, statements: result.statements).map { stanceRow($0, run: result.run) })
    }

    public static let stanceColumns: [CSVColumn] = [
        .text("statement_id"), .text("topic"), .text("stance"), .numeric("score"), .numeric("confidence"),
        .text("evidence"),
    ] + runColumns

    /// One row of `stances.csv`, for a table written row by row in `orderedStances`' order.
    public static func stanceRow(_ stance: StatementStance, run: RunInfo) -> [String] {
        [
            stance.statementID, stance.topic, stance.label.rawValue, Cell.number(stance.score),
            Cell.number(stance.confidence), Cell.list(stance.evidence.map(\.formatted)),
        ] + runCells(run)
    }

    /// Stances in the order of `stances.csv`: by their statements' order (`orderedStatements`), then
    /// by topic; a stance whose statement is not among `statements` comes last, by statement id.
    public static func orderedStances(_ stances: [StatementStance], statements: [Statement]) -> [StatementStance] {
        Order.stances(stances, statementOrder: Order.statementIndex(Order.statements(statements)))
    }
}
