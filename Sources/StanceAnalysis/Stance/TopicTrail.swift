import StanceCore

/// A topic word found in a statement, for explanations (`stance explain`): which part of the topic
/// it comes from, its lexicon entry and where it stands in the text.
public struct TopicTermMatch: Sendable, Hashable {
    public enum Role: String, Sendable, CaseIterable {
        /// The topic's holder (for an entity topic: the entity, named as holder or as object).
        case holder
        case object
        case opposite
        case term
        case cue
        /// "we", "his country" for a speaker affiliated with the holder, or a pronoun after a holder
        /// mention (`stance/self_references.tsv`, `stance/object_references.tsv`).
        case holderReference = "holder_reference"
        /// "this one", "it" after an object was named (`stance/object_references.tsv`).
        case objectReference = "object_reference"
    }

    public let role: Role
    public let entry: LexiconEntry
    /// Scalar offsets in the text the statement was read from.
    public let range: TextRange
    /// For objects and their references: +1 when wanting it is FAVOR, -1 when it counts against
    /// (an opposite, or an object turned by a terminator: "wants this war to end"). Nil otherwise.
    public let side: Double?

    public init(role: Role, entry: LexiconEntry, range: TextRange, side: Double?) {
        self.role = role
        self.entry = entry
        self.range = range
        self.side = side
    }
}

/// What the stance rules saw of one statement toward one topic: whether the statement is placed in
/// the topic, the topic words matched, and the contributions of the statement's own words in the
/// order the rules added them. Context from neighbouring statements and topics taken from an
/// introducing clause are decided over the whole document and are not part of it (see
/// `StanceScorer.score(_:)`).
public struct TopicTrail: Sendable {
    public let topicID: String
    public let isPlaced: Bool
    public let matches: [TopicTermMatch]
    public let evidence: [Evidence]

    public init(topicID: String, isPlaced: Bool, matches: [TopicTermMatch], evidence: [Evidence]) {
        self.topicID = topicID
        self.isPlaced = isPlaced
        self.matches = matches
        self.evidence = evidence
    }

    /// The sum of the contributions, before clamping to [-1, 1].
    public var rawScore: Double { evidence.map(\.contribution).reduce(0, +) }
}

extension StanceScorer {
    /// The trail of a free text scored as one statement, exactly as `score(text:affiliation:topicIDs:)`
    /// reads it; every chosen topic (all when `topicIDs` is nil), placed or not.
    public func trails(text: String, affiliation: String? = nil, topicIDs: Set<String>? = nil) -> [TopicTrail] {
        let document = Document(id: "text", text: text)
        let statement = Statement(documentID: "text", paragraph: 0, range: TextRange(0, document.scalars.count), text: text,
                                  kind: .indirect, speaker: "", speakerMention: "", speakerKind: .unknown, cue: "", rule: "text",
                                  link: "")
        return trails(of: statement, in: document, affiliation: affiliation, sentences: [], topicIDs: topicIDs)
    }

    /// The trail of one statement of an analysed document (its sentences let the participle-frame
    /// rule read the main clause), for every chosen topic, placed or not.
    public func trails(of statement: Statement, in document: Document, affiliation: String?, sentences: [Sentence],
                       topicIDs: Set<String>? = nil) -> [TopicTrail] {
        let shared = view(of: statement, in: document)
        return topics.indices.filter { topicIDs?.contains(topics[$0].topic.id) ?? true }.map { t in
            Self.trail(of: evaluate(statement, in: document, topic: t, affiliation: affiliation, sentences: sentences, view: shared))
        }
    }

    /// The view of one evaluation the trail keeps: term matches by role, and the evidence.
    static func trail(of e: TopicEvidence) -> TopicTrail {
        let topic = e.topic.topic
        let opposites = Set(topic.opposites.map(\.location))
        var matches: [TopicTermMatch] = []
        for h in e.holders {
            let own = h.entry.location.file == topic.file
            matches.append(TopicTermMatch(role: own ? .holder : .holderReference, entry: h.entry, range: e.view.range(h), side: nil))
        }
        for o in e.objects {
            let role: TopicTermMatch.Role = o.hit.entry.location.file != topic.file ? .objectReference
                : opposites.contains(o.hit.entry.location) ? .opposite : .object
            matches.append(TopicTermMatch(role: role, entry: o.hit.entry, range: e.view.range(o.hit), side: o.side))
        }
        for t in e.terms { matches.append(TopicTermMatch(role: .term, entry: t.entry, range: e.view.range(t), side: nil)) }
        for c in e.cues { matches.append(TopicTermMatch(role: .cue, entry: c.entry, range: e.view.range(c), side: nil)) }
        matches.sort { $0.range.start != $1.range.start ? $0.range.start < $1.range.start : $0.role.rawValue < $1.role.rawValue }
        return TopicTrail(topicID: topic.id, isPlaced: e.isPlaced, matches: matches, evidence: e.evidence)
    }
}
