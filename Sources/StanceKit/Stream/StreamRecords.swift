import Foundation
import StanceCore

/// Reading back what `JSONLines.streamRecords` wrote: the records of a part (`stance merge`),
/// each document's result rebuilt exactly as its analysis produced it.
enum StreamRecords {
    struct Probe: Decodable { let type: String }

    struct StatementRecord: Decodable {
        let statement_id: String
        let document: String
        let paragraph: Int
        let start: Int
        let end: Int
        let speaker: String
        let speaker_mention: String
        let kind: String
        let cue: String
        let text: String
        let lexicon_hash: String
        let stances: [StanceRecord]
        let speaker_kind: String?
        let rule: String?
        let link: String?
    }

    struct StanceRecord: Decodable {
        let topic: String
        let stance: String
        let evidence: [EvidenceRecord]
        let score_exact: Double?
        let confidence_exact: Double?
    }

    struct EvidenceRecord: Decodable {
        let rule: String
        let file: String
        let line: Int
        let column: Int?
        let contribution_exact: Double?
        let start: Int?
        let end: Int?
    }

    struct DocumentRecord: Decodable {
        let document: String
        let content_hash: String
        let fingerprint: String
        let title: String?
        let date: String?
        let source: String?
        let statements: Int
        let lexicon_hash: String?
        let url: String?
        let speakers: [SpeakerRecord]?
        let disagreements: [DisagreementRecord]?
        let text: String?
    }

    struct SpeakerRecord: Decodable {
        let name: String
        let kind: String
        let aliases: [String]
        let roles: [String]
        let affiliation: String?
        let links: [String]
        let gender: String?
    }

    struct DisagreementRecord: Decodable {
        let speaker: String
        let target: String?
        let start: Int
        let end: Int
        let cue: CueRecord
    }

    struct CueRecord: Decodable {
        let term: String
        let words: [String]
        let wildcard: Bool
        let fields: [String: String]
        let file: String
        let line: Int
        let column: Int
    }

    struct ErrorRecord: Decodable {
        let document: String
        let message: String
    }

    /// Property names are the schema's keys as written (no key conversion: it would also rename the
    /// keys of `fields`, which are data).
    static let decoder = JSONDecoder()

    /// Why a record cannot be used; the caller adds the part and line.
    struct Problem: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    static func statement(_ record: StatementRecord) throws -> (Statement, [StatementStance]) {
        guard let kind = StatementKind(rawValue: record.kind) else { throw Problem("unknown statement kind \"\(record.kind)\"") }
        guard let speakerKind = record.speaker_kind.flatMap(SpeakerKind.init(rawValue:)), let rule = record.rule, let link = record.link else {
            throw Problem("statement record without speaker_kind, rule and link: not written by `stance analyze --stdin-jsonl`")
        }
        guard record.start >= 0, record.start <= record.end else { throw Problem("statement range \(record.start)-\(record.end) is not a range") }
        let statement = Statement(documentID: record.document, paragraph: record.paragraph, range: TextRange(record.start, record.end),
                                  text: record.text, kind: kind, speaker: record.speaker, speakerMention: record.speaker_mention,
                                  speakerKind: speakerKind, cue: record.cue, rule: rule, link: link)
        guard statement.id == record.statement_id else {
            throw Problem("statement_id \(record.statement_id) does not match its document and offsets (\(statement.id))")
        }
        let stances = try record.stances.map { stance -> StatementStance in
            guard let label = StanceLabel(rawValue: stance.stance) else { throw Problem("unknown stance \"\(stance.stance)\"") }
            guard let score = stance.score_exact, let confidence = stance.confidence_exact else {
                throw Problem("stance without score_exact and confidence_exact: not written by `stance analyze --stdin-jsonl`")
            }
            let evidence = stance.evidence.map { item in
                Evidence(rule: item.rule, location: SourceLocation(file: item.file, line: item.line, column: item.column ?? 1),
                         contribution: item.contribution_exact ?? .nan,
                         range: item.start.flatMap { start in item.end.map { TextRange(start, max(start, $0)) } })
            }
            return StatementStance(statementID: statement.id, topic: stance.topic, label: label, score: score,
                                   confidence: confidence, evidence: evidence)
        }
        return (statement, stances)
    }

    static func speakers(_ record: DocumentRecord) throws -> [DocumentSpeaker] {
        guard let speakers = record.speakers else {
            throw Problem("document record without speakers: not written by `stance analyze --stdin-jsonl`")
        }
        return try speakers.map { speaker in
            guard let kind = SpeakerKind(rawValue: speaker.kind) else { throw Problem("unknown speaker kind \"\(speaker.kind)\"") }
            return DocumentSpeaker(name: speaker.name, kind: kind, aliases: speaker.aliases, roles: speaker.roles,
                                   affiliation: speaker.affiliation, links: speaker.links, gender: speaker.gender?.first)
        }
    }

    static func disagreements(_ record: DocumentRecord) -> [Disagreement] {
        (record.disagreements ?? []).map { item in
            let cue = LexiconEntry(term: item.cue.term, words: item.cue.words, isWildcard: item.cue.wildcard, fields: item.cue.fields,
                                   location: SourceLocation(file: item.cue.file, line: item.cue.line, column: item.cue.column))
            return Disagreement(speaker: item.speaker, target: item.target, range: TextRange(item.start, max(item.start, item.end)), cue: cue)
        }
    }
}
