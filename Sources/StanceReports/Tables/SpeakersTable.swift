import StanceCore

extension Tables {
    /// `speakers.csv`: one row per speaker after identity resolution, by name. `links` says how each alias
    /// was tied to the speaker (`alias<-rule_id`).
    public static func speakers(_ result: CorpusResult) -> CSVTable {
        let columns: [CSVColumn] = [
            .text("speaker_id"), .text("speaker"), .text("aliases"), .text("roles"), .text("affiliation"),
            .numeric("statements"), .numeric("documents"), .text("links"),
        ] + runColumns
        let rows = Order.speakers(result.speakers).map { speaker in
            [
                speaker.id, speaker.name, Cell.list(speaker.aliases), Cell.list(speaker.roles),
                speaker.affiliation ?? "", Cell.integer(speaker.statements), Cell.integer(speaker.documents),
                Cell.list(speaker.links),
            ] + runCells(result.run)
        }
        return CSVTable(columns: columns, rows: rows)
    }
}
