import StanceCore

extension Tables {
    /// `contrasts.csv`: one row per opposed pair on a topic (`speaker_a` is the FAVOR side), by topic,
    /// strongest first.
    public static func contrasts(_ result: CorpusResult) -> CSVTable {
        let columns: [CSVColumn] = [
            .text("topic"), .text("speaker_a"), .text("stance_a"), .text("speaker_b"), .text("stance_b"),
            .numeric("strength"), .text("explicit_disagreement"),
        ] + runColumns
        let rows = Order.contrasts(result.contrasts).map { contrast in
            [
                contrast.topic, contrast.speakerA, contrast.stanceA.rawValue, contrast.speakerB,
                contrast.stanceB.rawValue, Cell.number(contrast.strength), Cell.bool(contrast.explicitDisagreement),
            ] + runCells(result.run)
        }
        return CSVTable(columns: columns, rows: rows)
    }
}
