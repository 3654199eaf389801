import StanceCore

extension Tables {
    /// `stances.csv`: one row per statement and topic it was placed in, in statement order, then by topic.
    /// `evidence` lists the rules that fired as `rule_id@file:line=contribution`, `; `-joined.
    public static func stances(_ result: CorpusResult) -> CSVTable {
        let columns: [CSVColumn] = [
            .text("statement_id"), .text("topic"), .text("stance"), .numeric("score"), .numeric("confidence"),
            .text("evidence"),
        ] + runColumns
        let order = Order.statementIndex(Order.statements(result.statements))
        let rows = Order.stances(result.stances, statementOrder: order).map { stance in
            [
                stance.statementID, stance.topic, stance.label.rawValue, Cell.number(stance.score),
                Cell.number(stance.confidence), Cell.list(stance.evidence.map(\.formatted)),
            ] + runCells(result.run)
        }
        return CSVTable(columns: columns, rows: rows)
    }
}
