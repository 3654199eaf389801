import Foundation
import StanceCore
import StanceLexicon
import StanceStore

/// A lexicon entry that differs between two runs' stored lexicon copies.
public struct EntryChange: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case added, removed
        /// Same term in the same list or topic section, other values (`weight`, `class`, `polarity`, ...).
        case reweighted
    }

    public let kind: Kind
    /// The entry in run A (removed, re-weighted) and in run B (added, re-weighted).
    public let before: LexiconEntryRef?
    public let after: LexiconEntryRef?

    public var entry: LexiconEntryRef { (after ?? before)! }

    /// `added stance/predicates.tsv:41 "within _ interests" (weight=1)`, for text output.
    public var summary: String {
        switch kind {
        case .added: "added \(after!.place) \"\(after!.entry.term)\"\(Self.values(after!))"
        case .removed: "removed \(before!.place) \"\(before!.entry.term)\"\(Self.values(before!))"
        case .reweighted:
            "re-weighted \(after!.place) \"\(after!.entry.term)\": \(before!.values) -> \(after!.values)"
        }
    }

    private static func values(_ ref: LexiconEntryRef) -> String { ref.values.isEmpty ? "" : " (\(ref.values))" }
}

/// One statement's stance on one topic in two runs.
public struct StanceChange: Sendable {
    public let statementID: String
    public let topic: String
    /// Nil when the statement was not placed in the topic (or not found) in that run.
    public let before: StatementStance?
    public let after: StatementStance?
    /// The statement as stored (nil when no longer stored).
    public let statement: Statement?
    /// Changed entries cited by its evidence in either run.
    public let causes: [EntryChange]
    /// Other reasons when no changed entry is cited: changed settings, or changed entries the
    /// evidence does not cite (an entry that hid another, context from a neighbouring statement).
    public let otherCauses: [String]

    public var beforeLabel: String { before?.label.rawValue ?? "-" }
    public var afterLabel: String { after?.label.rawValue ?? "-" }
}

/// One speaker's overall position on one topic in two runs.
public struct PositionChange: Sendable {
    public let topic: String
    public let speaker: String
    public let before: Position?
    public let after: Position?
}

/// What changed between two stored runs: the lexicon entries (from the copies stored with each
/// run), the statements found, their stances, and speakers' positions.
public struct RunDiff: Sendable {
    public let runA: RunRecord
    public let runB: RunRecord
    public let entryChanges: [EntryChange]
    /// `settings.yaml:KEY old -> new`.
    public let settingChanges: [String]
    /// Files whose entries could not be compared (a set that no longer loads, a file not loaded as entries).
    public let notes: [String]
    public let stanceChanges: [StanceChange]
    /// Statements in one run only (attribution or input changed).
    public let statementsOnlyInA: [Statement]
    public let statementsOnlyInB: [Statement]
    public let positionChanges: [PositionChange]
    /// Stances whose label stayed but whose score moved by 0.005 or more.
    public let scoreOnlyChanges: Int
}

/// Which stored run an argument names: a full id, a unique prefix of one, `latest` (the newest
/// finished run) or `previous` (the one before it).
public enum RunSelector {
    public enum Failure: Error, CustomStringConvertible, Equatable {
        case none(String)
        case ambiguous(String, [String])
        case notEnoughRuns(String, Int)

        public var description: String {
            switch self {
            case .none(let spec): "no run \"\(spec)\" in the database (list them with `stance runs`)"
            case .ambiguous(let spec, let ids): "\"\(spec)\" names several runs: \(ids.joined(separator: ", "))"
            case .notEnoughRuns(let spec, let count): "\"\(spec)\": the database holds \(count) finished run\(count == 1 ? "" : "s")"
            }
        }
    }

    /// `runs` newest first, as `CorpusStore.runs()` lists them; only finished runs are chosen.
    public static func resolve(_ spec: String, in runs: [RunRecord]) throws -> RunRecord {
        let finished = runs.filter(\.isFinished)
        switch spec.lowercased() {
        case "latest", "last":
            guard let run = finished.first else { throw Failure.notEnoughRuns(spec, 0) }
            return run
        case "previous", "prev":
            guard finished.count >= 2 else { throw Failure.notEnoughRuns(spec, finished.count) }
            return finished[1]
        default:
            if let exact = finished.first(where: { $0.runID == spec }) { return exact }
            let candidates = finished.filter { $0.runID.hasPrefix(spec) || $0.runID.hasPrefix("r-" + spec) }
            if candidates.count == 1 { return candidates[0] }
            if candidates.isEmpty { throw Failure.none(spec) }
            throw Failure.ambiguous(spec, candidates.map(\.runID))
        }
    }
}

extension RunDiff {
    /// Compares two stored runs of `store`.
    public static func between(_ a: RunRecord, _ b: RunRecord, store: CorpusStore) throws -> RunDiff {
        guard let resultA = try store.loadResult(runID: a.runID), let resultB = try store.loadResult(runID: b.runID) else {
            throw StoreError.unknownRun(path: store.path, runID: a.runID)
        }
        let filesA = try store.lexiconFiles(runID: a.runID), filesB = try store.lexiconFiles(runID: b.runID)
        let lexiconA = filesA.isEmpty ? nil : try StoredLexicon.load(filesA).lexicon
        let lexiconB = filesB.isEmpty ? nil : try StoredLexicon.load(filesB).lexicon
        var missing: [StanceCore.Statement] = []
        let knownIDs = Set(resultA.statements.map(\.id)).union(resultB.statements.map(\.id))
        for id in Set(resultA.stances.map(\.statementID)).union(resultB.stances.map(\.statementID)).subtracting(knownIDs).sorted() {
            if let statement = try store.statement(id: id) { missing.append(statement) }
        }
        return compare(a: a, b: b, resultA: resultA, resultB: resultB, filesA: filesA, filesB: filesB,
                       lexiconA: lexiconA, lexiconB: lexiconB, extraStatements: missing)
    }

    /// The comparison itself, from what the store gave back.
    static func compare(a: RunRecord, b: RunRecord, resultA: CorpusResult, resultB: CorpusResult, filesA: [LexiconFile],
                        filesB: [LexiconFile], lexiconA: Lexicon?, lexiconB: Lexicon?, extraStatements: [Statement]) -> RunDiff {
        var notes: [String] = []
        if filesA.isEmpty || filesB.isEmpty { notes.append("a run has no stored lexicon files: entries not compared") }
        else if lexiconA == nil || lexiconB == nil { notes.append("a run's stored lexicon files no longer load: entries not compared") }

        // 1. Entries, matched by file, section and folded words.
        let refsA = lexiconA?.allEntries ?? [], refsB = lexiconB?.allEntries ?? []
        let byKeyA = Dictionary(refsA.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let byKeyB = Dictionary(refsB.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        var entryChanges: [EntryChange] = []
        for ref in refsA where byKeyB[ref.key] == nil { entryChanges.append(EntryChange(kind: .removed, before: ref, after: nil)) }
        for ref in refsB {
            if let old = byKeyA[ref.key] {
                if old.values != ref.values { entryChanges.append(EntryChange(kind: .reweighted, before: old, after: ref)) }
            } else {
                entryChanges.append(EntryChange(kind: .added, before: nil, after: ref))
            }
        }
        entryChanges.sort { x, y in
            let (lx, ly) = (x.entry.entry.location, y.entry.entry.location)
            return (lx.file, lx.line, lx.column, x.kind.rawValue) < (ly.file, ly.line, ly.column, y.kind.rawValue)
        }
        let settingsA = filesA.first { $0.path == "settings.yaml" }.flatMap { SettingsText.values($0.bytes) } ?? [:]
        let settingsB = filesB.first { $0.path == "settings.yaml" }.flatMap { SettingsText.values($0.bytes) } ?? [:]
        let settingChanges = Set(settingsA.keys).union(settingsB.keys).filter { settingsA[$0] != settingsB[$0] }.sorted()
            .map { "settings.yaml:\($0) \(settingsA[$0] ?? "(unset)") -> \(settingsB[$0] ?? "(unset)")" }

        // Evidence cites places of its own run: map them to entry keys.
        let placeA = Dictionary(refsA.map { ($0.entry.location, $0.key) }, uniquingKeysWith: { a, _ in a })
        let placeB = Dictionary(refsB.map { ($0.entry.location, $0.key) }, uniquingKeysWith: { a, _ in a })

        // 2. Stances by statement and topic.
        func index(_ stances: [StatementStance]) -> [String: StatementStance] {
            Dictionary(stances.map { ($0.statementID + "\u{0}" + $0.topic, $0) }, uniquingKeysWith: { a, _ in a })
        }
        let stancesA = index(resultA.stances), stancesB = index(resultB.stances)
        var statements: [String: Statement] = [:]
        for statement in extraStatements + resultA.statements + resultB.statements { statements[statement.id] = statement }
        let speakerB = Dictionary(resultB.statements.map { ($0.id, $0.speaker) }, uniquingKeysWith: { a, _ in a })
        var stanceChanges: [StanceChange] = []
        var scoreOnly = 0
        for key in Set(stancesA.keys).union(stancesB.keys) {
            let before = stancesA[key], after = stancesB[key]
            if let before, let after, before.label == after.label {
                if abs(before.score - after.score) >= 0.005 { scoreOnly += 1 }
                continue
            }
            // Placed in the topic with NONE in one run and not placed in the other: no stance changed.
            if (before?.label ?? StanceLabel.none) == StanceLabel.none && (after?.label ?? StanceLabel.none) == StanceLabel.none { continue }
            let cited = Set((before?.evidence ?? []).compactMap { placeA[$0.location] } + (after?.evidence ?? []).compactMap { placeB[$0.location] })
            let causes = entryChanges.filter { cited.contains($0.entry.key) }
            var other: [String] = []
            if causes.isEmpty {
                if !settingChanges.isEmpty { other.append("settings changed: " + settingChanges.joined(separator: "; ")) }
                if !entryChanges.isEmpty { other.append("no changed entry in its evidence: a changed entry that hid or blocked another, or a neighbouring statement's context") }
                if entryChanges.isEmpty && settingChanges.isEmpty { other.append("no lexicon change: the statement or its speaker changed") }
            }
            let (statementID, topic) = split(key)
            var statement = statements[statementID]
            if let name = speakerB[statementID] { statement?.speaker = name }
            stanceChanges.append(StanceChange(statementID: statementID, topic: topic, before: before, after: after,
                                              statement: statement, causes: causes, otherCauses: other))
        }
        stanceChanges.sort { x, y in
            let (dx, dy) = (x.statement?.documentID ?? "", y.statement?.documentID ?? "")
            if dx != dy { return dx < dy }
            let (sx, sy) = (x.statement?.range.start ?? 0, y.statement?.range.start ?? 0)
            if sx != sy { return sx < sy }
            return x.topic < y.topic
        }

        // 3. Statements in one run only.
        let idsA = Set(resultA.statements.map(\.id)), idsB = Set(resultB.statements.map(\.id))
        let onlyA = resultA.statements.filter { !idsB.contains($0.id) }
        let onlyB = resultB.statements.filter { !idsA.contains($0.id) }

        // 4. Overall positions.
        func positions(_ result: CorpusResult) -> [String: Position] {
            Dictionary(result.positions.filter { $0.group == nil }.map { ($0.topic + "\u{0}" + $0.speaker, $0) },
                       uniquingKeysWith: { a, _ in a })
        }
        let positionsA = positions(resultA), positionsB = positions(resultB)
        let positionChanges = Set(positionsA.keys).union(positionsB.keys).sorted().compactMap { key -> PositionChange? in
            let before = positionsA[key], after = positionsB[key]
            guard before?.label != after?.label else { return nil }
            let (topic, speaker) = split(key)
            return PositionChange(topic: topic, speaker: speaker, before: before, after: after)
        }
        return RunDiff(runA: a, runB: b, entryChanges: entryChanges, settingChanges: settingChanges, notes: notes,
                       stanceChanges: stanceChanges, statementsOnlyInA: onlyA, statementsOnlyInB: onlyB,
                       positionChanges: positionChanges, scoreOnlyChanges: scoreOnly)
    }

    private static func split(_ key: String) -> (String, String) {
        let parts = key.split(separator: "\u{0}", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        return (parts[0], parts.count > 1 ? parts[1] : "")
    }
}
