import Foundation
import StanceCore
import StanceAnalysis
import StanceStore

/// Applies users' corrections (`stance correct`) to a corpus result, on every analysis and every
/// report. Applying is idempotent: a result that already carries a correction is left as it is, so
/// a stored run (stored with its corrections applied) comes back unchanged.
///
/// - `--speaker NAME`: the statement's speaker becomes the corpus speaker NAME names (its canonical
///   name, one of its aliases, or the surname of exactly one person), else NAME as a new speaker.
///   The statement is not scored again.
/// - `--stance TOPIC=LABEL`: the statement's stance on TOPIC becomes LABEL with score +1, -1 or 0 and
///   confidence 1 (a reader's judgement); its evidence keeps the rules that fired and ends with
///   `correction@corrections:ID=DELTA`, DELTA being what the correction added to the rules' score,
///   so the evidence still sums to the score. A statement not placed in TOPIC gets a stance there.
/// - `--not-a-statement`: the statement and its stances leave the result.
///
/// Later corrections of the same statement (and topic) override earlier ones. Positions, contrasts,
/// allies and speaker counts are computed again when anything changed; a contrast keeps its
/// explicit-disagreement flag (the pairs come from the result's contrasts).
public enum CorrectionApplier {
    /// The evidence rule and file of a correction: `correction@corrections:ID=DELTA`.
    public static let rule = "correction"
    public static let file = "corrections"

    /// The corrections that take effect (later ones override earlier ones of the same kind).
    public struct Effective: Sendable {
        public var dropped: [String: Correction] = [:]
        public var speakers: [String: (name: String, correction: Correction)] = [:]
        public var stances: [String: [String: (label: StanceLabel, correction: Correction)]] = [:]

        public init(_ corrections: [Correction]) {
            for correction in corrections.sorted(by: { $0.id < $1.id }) {
                switch correction.change {
                case .notAStatement: dropped[correction.statementID] = correction
                case .speaker(let name): speakers[correction.statementID] = (name, correction)
                case .stance(let topic, let label): stances[correction.statementID, default: [:]][topic] = (label, correction)
                }
            }
        }

        public var isEmpty: Bool { dropped.isEmpty && speakers.isEmpty && stances.isEmpty }
    }

    /// The result with the corrections applied; `changed` is false when it already carried them all.
    public static func apply(_ corrections: [Correction], to result: CorpusResult, aggregator: Aggregator)
        -> (result: CorpusResult, changed: Bool) {
        let effective = Effective(corrections)
        guard !effective.isEmpty else { return (result, false) }
        var changed = false

        var statements: [Statement] = []
        statements.reserveCapacity(result.statements.count)
        for var statement in result.statements {
            if effective.dropped[statement.id] != nil {
                changed = true
                continue
            }
            if let (name, _) = effective.speakers[statement.id] {
                let resolved = resolve(name, among: result.speakers)
                if statement.speaker != resolved {
                    statement.speaker = resolved
                    statement.link = rule
                    changed = true
                }
            }
            statements.append(statement)
        }
        let kept = Set(statements.map(\.id))

        var stances: [StatementStance] = []
        stances.reserveCapacity(result.stances.count)
        var placed: Set<String> = []
        for stance in result.stances {
            if effective.dropped[stance.statementID] != nil {
                changed = true
                continue
            }
            placed.insert(stance.statementID + "\u{0}" + stance.topic)
            if let (label, correction) = effective.stances[stance.statementID]?[stance.topic], kept.contains(stance.statementID) {
                let corrected = self.corrected(stance, label: label, by: correction)
                if corrected != stance { changed = true }
                stances.append(corrected)
            } else {
                stances.append(stance)
            }
        }
        for statementID in effective.stances.keys.sorted() where kept.contains(statementID) {
            for (topic, (label, correction)) in effective.stances[statementID]!.sorted(by: { $0.key < $1.key })
            where !placed.contains(statementID + "\u{0}" + topic) {
                let blank = StatementStance(statementID: statementID, topic: topic, label: .none, score: 0, confidence: 0, evidence: [])
                stances.append(corrected(blank, label: label, by: correction))
                changed = true
            }
        }
        guard changed else { return (result, false) }

        let positions = aggregator.countedPositions(documents: result.documents, statements: statements, stances: stances)
        let explicit = result.contrasts.filter(\.explicitDisagreement).map { ($0.speakerA, $0.speakerB) }
        let (contrasts, allies) = aggregator.pairs(positions, disagreements: explicit)
        let corrected = CorpusResult(run: result.run, topics: result.topics, documents: result.documents, statements: statements,
                                     stances: stances, speakers: recount(result.speakers, statements), positions: positions,
                                     contrasts: contrasts, allies: allies)
        return (corrected, true)
    }

    /// A stance set to `label` by `correction`, or the stance itself when it already is.
    static func corrected(_ stance: StatementStance, label: StanceLabel, by correction: Correction) -> StatementStance {
        let location = SourceLocation(file: file, line: Int(correction.id))
        if stance.label == label, stance.evidence.last.map({ $0.rule == rule && $0.location == location }) == true {
            return stance
        }
        let score: Double = label == .favor ? 1 : label == .against ? -1 : 0
        let evidence = stance.evidence + [Evidence(rule: rule, location: location, contribution: score - stance.score)]
        return StatementStance(statementID: stance.statementID, topic: stance.topic, label: label, score: score, confidence: 1,
                               evidence: evidence)
    }

    /// The corpus speaker a corrected name stands for: a canonical name or alias (folded), else the
    /// surname of exactly one person, else the name itself.
    static func resolve(_ name: String, among speakers: [SpeakerSummary]) -> String {
        let folded = fold(name)
        if let exact = speakers.first(where: { fold($0.name) == folded }) { return exact.name }
        let byAlias = speakers.filter { $0.aliases.contains { fold($0) == folded } }
        if byAlias.count == 1 { return byAlias[0].name }
        let words = folded.split(separator: " ")
        let bySurname = speakers.filter { speaker in
            guard speaker.kind == .person else { return false }
            let full = fold(speaker.name).split(separator: " ")
            return full.count > words.count && Array(full.suffix(words.count)) == words
        }
        return bySurname.count == 1 ? bySurname[0].name : name.trimmingCharacters(in: .whitespaces)
    }

    private static func fold(_ name: String) -> String {
        Folding.fold(name).split(whereSeparator: { $0 == " " || $0 == "." }).joined(separator: " ")
    }

    /// Speaker summaries with statement and document counts over `statements`; a speaker left
    /// without statements goes, a name only a correction gave becomes a speaker.
    static func recount(_ speakers: [SpeakerSummary], _ statements: [Statement]) -> [SpeakerSummary] {
        let byName = Dictionary(grouping: statements, by: \.speaker)
        var result: [SpeakerSummary] = []
        var known: Set<String> = []
        for speaker in speakers {
            known.insert(speaker.name)
            guard let own = byName[speaker.name] else { continue }
            result.append(SpeakerSummary(id: speaker.id, name: speaker.name, kind: speaker.kind, aliases: speaker.aliases,
                                         roles: speaker.roles, affiliation: speaker.affiliation, statements: own.count,
                                         documents: Set(own.map(\.documentID)).count, links: speaker.links))
        }
        for (name, own) in byName where !known.contains(name) && !name.isEmpty {
            result.append(SpeakerSummary(id: SpeakerIdentity.speakerID(name), name: name, kind: .person, aliases: [name], roles: [],
                                         affiliation: nil, statements: own.count, documents: Set(own.map(\.documentID)).count,
                                         links: ["\(name)<-\(rule)"]))
        }
        return result.sorted { $0.name < $1.name }
    }

    /// The result as reports show it: each corrected statement's cue ends with what was corrected,
    /// e.g. `said [corrected: speaker; stance russia-peace]`.
    public static func marked(_ result: CorpusResult, corrections: [Correction]) -> CorpusResult {
        let effective = Effective(corrections)
        guard !effective.isEmpty else { return result }
        var any = false
        let statements = result.statements.map { statement -> Statement in
            var what: [String] = []
            if effective.speakers[statement.id] != nil { what.append("speaker") }
            if let topics = effective.stances[statement.id] { what += topics.keys.sorted().map { "stance \($0)" } }
            guard !what.isEmpty else { return statement }
            any = true
            return Statement(documentID: statement.documentID, paragraph: statement.paragraph, range: statement.range,
                             text: statement.text, kind: statement.kind, speaker: statement.speaker,
                             speakerMention: statement.speakerMention, speakerKind: statement.speakerKind,
                             cue: statement.cue + " [corrected: " + what.joined(separator: "; ") + "]", rule: statement.rule,
                             link: statement.link)
        }
        guard any else { return result }
        return CorpusResult(run: result.run, topics: result.topics, documents: result.documents, statements: statements,
                            stances: result.stances, speakers: result.speakers, positions: result.positions,
                            contrasts: result.contrasts, allies: result.allies)
    }
}
