import StanceCore

extension Tables {
    /// `allies.csv`: one row per pair of speakers on the same side of a topic, by topic, strongest first.
    public static func allies(_ result: CorpusResult) -> CSVTable {
        let columns: [CSVColumn] = [
            .text("topic"), .text("speaker_a"), .text("speaker_b"), .text("stance"), .numeric("strength"),
        ] + runColumns
        let rows = Order.allies(result.allies).map { alliance in
            [alliance.topic, alliance.speakerA, alliance.speakerB, alliance.label.rawValue, Cell.number(alliance.strength)]
                + runCells(result.run)
        }
        return CSVTable(columns: columns, rows: rows)
    }
}
