import StanceCore

/// One person (or organisation) across documents. Within a document the attributor already tied
/// every mention to a full name; here the same name in different documents becomes one speaker,
/// a surname-only form joins the single full name that ends with it, and two people who share a
/// surname stay apart. The canonical name is the longest full form seen (ties alphabetical), so
/// it does not depend on document order.
public struct SpeakerIdentity: Sendable {
    public struct Merged: Sendable {
        public var canonical: String
        public var kind: SpeakerKind
        public var forms: Set<String> = []
        public var aliases: [String] = []
        public var roles: [String] = []
        public var affiliation: String?
        public var links: [String] = []
        public var documents: Set<String> = []
    }

    /// Canonical name per (document id, document-level speaker name).
    public private(set) var canonicalName: [String: [String: String]] = [:]
    public private(set) var speakers: [String: Merged] = [:]

    public init(_ documents: [DocumentResult]) {
        self.init(documents.map { (id: $0.summary.id, speakers: $0.speakers) })
    }

    /// From each document's id and speakers.
    public init(_ documents: [(id: String, speakers: [DocumentSpeaker])]) {
        // Group document speakers by folded full name; organisations by name without the article.
        var groups: [String: [(doc: String, speaker: DocumentSpeaker)]] = [:]
        for document in documents {
            for speaker in document.speakers { groups[Self.key(speaker), default: []].append((document.id, speaker)) }
        }
        // A key that is the tail of exactly one longer person key joins it ("varga" -> "ilse varga").
        let personKeys = groups.keys.filter { key in groups[key]!.contains { $0.speaker.kind == .person } }
        var target: [String: String] = [:]
        for key in groups.keys {
            let words = key.split(separator: " ")
            let longer = personKeys.filter { other in
                let o = other.split(separator: " ")
                return o.count > words.count && Array(o.suffix(words.count)) == words
            }
            target[key] = longer.count == 1 ? longer[0] : key
        }
        // Keys in sorted order: which member comes first (its kind, its affiliation) must not depend
        // on the process's hash seed, or two runs over the same documents could differ.
        for key in groups.keys.sorted() {
            let members = groups[key]!
            let root = target[key]!
            for (doc, speaker) in members {
                var merged = speakers[root] ?? Merged(canonical: speaker.name, kind: speaker.kind)
                merged.forms.insert(speaker.name)
                if speaker.kind == .person || merged.kind == .unknown { merged.kind = speaker.kind }
                for alias in speaker.aliases where !merged.aliases.contains(alias) { merged.aliases.append(alias) }
                for role in speaker.roles where !merged.roles.contains(role) { merged.roles.append(role) }
                for link in speaker.links where !merged.links.contains(link) { merged.links.append(link) }
                if merged.affiliation == nil { merged.affiliation = speaker.affiliation }
                merged.documents.insert(doc)
                speakers[root] = merged
            }
        }
        for root in speakers.keys {
            let forms = speakers[root]!.forms.sorted { a, b in a.count != b.count ? a.count > b.count : a < b }
            speakers[root]!.canonical = forms[0]
            speakers[root]!.aliases.sort()
            speakers[root]!.roles.sort()
            speakers[root]!.links.sort()
        }
        for (key, members) in groups {
            for (doc, speaker) in members {
                canonicalName[doc, default: [:]][speaker.name] = speakers[target[key]!]!.canonical
            }
        }
    }

    static func key(_ speaker: DocumentSpeaker) -> String {
        var folded = Folding.fold(speaker.name)
        if speaker.kind != .person, folded.hasPrefix("the ") { folded.removeFirst(4) }
        return folded.split(whereSeparator: { $0 == " " || $0 == "." }).joined(separator: " ")
    }

    /// `p-` + 12 hex digits of SHA-256 of the folded canonical name (output contract).
    public static func speakerID(_ canonical: String) -> String {
        "p-" + SHA256.hex(of: Array(Folding.fold(canonical).utf8)).prefix(12)
    }
}

extension SpeakerIdentity {
    public init(_ analyses: [DocumentAnalysis]) { self.init(analyses.map(\.result)) }
}
