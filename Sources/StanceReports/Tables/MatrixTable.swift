import StanceCore

extension Tables {
    /// `matrix.csv`: the wide view of `positions.csv`, one row per speaker (by name) and one column per
    /// topic id holding the speaker's stance label, empty where the speaker took no position.
    /// Topic columns follow the result's topic order (the lexicon's); ids seen only in positions
    /// follow, sorted. The long tables stay canonical: this one is derived from them for reading.
    public static func matrix(_ result: CorpusResult) -> CSVTable {
        let positions = result.overallPositions
        var topicIDs = result.topics.map(\.id)
        var seenTopics = Set(topicIDs)
        let extraTopics = positions.map(\.topic).filter { seenTopics.insert($0).inserted }
        topicIDs += Set(extraTopics).sorted(by: Order.scalarsLess)
        var labels: [String: [String: String]] = [:]
        for position in positions {
            labels[position.speaker, default: [:]][position.topic] = position.label.rawValue
        }
        var keys = Order.NameKeys()
        let names = Set(result.speakers.map(\.name) + positions.map(\.speaker)).sorted { keys.less($0, $1) }
        let rows = names.map { name in
            [name] + topicIDs.map { labels[name]?[$0] ?? "" } + runCells(result.run)
        }
        let columns = [CSVColumn.text("speaker")] + topicIDs.map { CSVColumn.text($0) } + runColumns
        return CSVTable(columns: columns, rows: rows)
    }
}
