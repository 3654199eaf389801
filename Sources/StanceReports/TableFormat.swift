import StanceCore

/// One CSV file the tool writes: its name and how to build it. `TableFormat.all` is the registry, a
/// plain ordered array in the output contract's order, so the kit writes every table by looping over
/// it and a test checks that each is there once.
public struct TableFormat: Sendable {
    /// The file name, e.g. `statements.csv`.
    public let fileName: String
    public let build: @Sendable (CorpusResult) -> CSVTable

    public init(fileName: String, build: @escaping @Sendable (CorpusResult) -> CSVTable) {
        self.fileName = fileName
        self.build = build
    }

    /// The name without `.csv`, as a user types it: `statements`, `positions_by_month`.
    public var name: String { String(fileName.dropLast(4)) }

    /// The file's text in a profile (a pure function of the result).
    public func render(_ result: CorpusResult, profile: CSVProfile) -> String {
        build(result).render(profile)
    }

    public static let statements = TableFormat(fileName: "statements.csv", build: { Tables.statements($0) })
    public static let stances = TableFormat(fileName: "stances.csv", build: { Tables.stances($0) })
    public static let positions = TableFormat(fileName: "positions.csv", build: { Tables.positions($0) })
    public static let contrasts = TableFormat(fileName: "contrasts.csv", build: { Tables.contrasts($0) })
    public static let speakers = TableFormat(fileName: "speakers.csv", build: { Tables.speakers($0) })
    public static let allies = TableFormat(fileName: "allies.csv", build: { Tables.allies($0) })
    public static let matrix = TableFormat(fileName: "matrix.csv", build: { Tables.matrix($0) })

    /// Every table `stance analyze --out DIR` writes, in the output contract's order.
    public static let all: [TableFormat] = [statements, stances, positions, contrasts, speakers, allies, matrix]

    /// `positions_by_source.csv` or `positions_by_month.csv`, written only with `--by`.
    public static func positions(by grouping: PositionGrouping) -> TableFormat {
        TableFormat(fileName: grouping.fileName, build: { Tables.positions($0, by: grouping) })
    }

    /// A table by name (`statements` or `statements.csv`), the `--by` breakdowns included.
    public static func named(_ name: String) -> TableFormat? {
        let candidates = all + PositionGrouping.allCases.map { positions(by: $0) }
        return candidates.first { $0.name == name || $0.fileName == name }
    }
}
