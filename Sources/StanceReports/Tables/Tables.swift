import StanceCore

/// The output contract's tables, one function per table (each in its own file), from a `CorpusResult`
/// to a `CSVTable` whose rows are already in their deterministic order. Every table ends with
/// `run_id` and `lexicon_hash`, so a row always says which run and which lexicon produced it.
public enum Tables {
    static let runColumns: [CSVColumn] = [.text("run_id"), .text("lexicon_hash")]

    static func runCells(_ run: RunInfo) -> [String] { [run.runID, run.lexiconHash] }
}
