import StanceCore

/// Near-duplicate articles: copies of one wire story republished by several outlets. They are
/// counted once in positions (and so in contrasts and allies); statements, stances and speakers
/// still list every copy's statements, and reports list the copies.
///
/// Two documents are near-duplicates when both hold:
/// - their SimHash fingerprints (`Fingerprint.simHash`, 64 bits) differ in at most `maxDistance`
///   bits. Measured on this project's articles (220 to 1,200 words): a one-word edit, a new
///   headline or an outlet's footer moves a fingerprint by 0 to 6 bits, while unrelated articles,
///   even on the same topic, are 31 to 39 bits apart. Two unrelated 64-bit fingerprints fall within
///   8 bits with probability about 2e-10, so 8 leaves room for short articles (where one edit
///   weighs more) at no practical risk;
/// - they share most statements: more than half of each document's statements have their words
///   (folded, punctuation ignored) in the other. Two articles that merely look alike (the same
///   site chrome, the same template) do not quote the same people saying the same words.
///   A document without statements is never grouped: nothing of it counts anyway.
///
/// Candidate pairs come from the statements, not the fingerprints (articles built on one template
/// can all be within a few bits of one another): a pair sharing more than half of each one's
/// statements shares one of the rarer half of each (prefix filtering, as in set-similarity joins),
/// so only documents that share such a statement are compared. The cost grows with the corpus,
/// not with its square.
///
/// A group is every document tied to another by such a pair. Its canonical document is the
/// earliest: by date (documents with a date first), then by id. A copy's statement is left out of
/// positions when its words are those of a statement of an earlier member of the group; a
/// statement only a copy has (an outlet's added paragraph) still counts.
public struct NearDuplicates: Sendable {
    public static let maxDistance = 8

    public struct Copy: Sendable, Hashable {
        public let id: String
        /// Bits between its fingerprint and the canonical document's.
        public let distance: Int
        /// Its statements left out of positions.
        public let uncounted: Int
        public let statements: Int
    }

    public struct Group: Sendable, Hashable {
        public let canonical: String
        public let copies: [Copy]
    }

    /// Groups ordered by their canonical document's id.
    public let groups: [Group]
    /// Ids of the statements not counted in positions.
    public let uncounted: Set<String>

    public var isEmpty: Bool { groups.isEmpty }

    /// A statement as copies are compared: its id and a 64-bit hash of its words (`key`), so the
    /// words of a large corpus's statements need not be held to find its copies.
    public struct StatementKey: Sendable, Hashable {
        public let id: String
        public let words: UInt64

        public init(id: String, words: UInt64) {
            self.id = id
            self.words = words
        }

        public init(_ statement: Statement) {
            self.init(id: statement.id, words: NearDuplicates.hash(NearDuplicates.key(statement.text)))
        }
    }

    public init(documents: [DocumentSummary], statements: [Statement]) {
        var keys: [String: [StatementKey]] = [:]
        for statement in statements { keys[statement.documentID, default: []].append(StatementKey(statement)) }
        self.init(documents: documents, keys: keys)
    }

    /// From each document's statement keys (by document id; their order does not matter).
    public init(documents: [DocumentSummary], keys keysByDocument: [String: [StatementKey]]) {
        let documents = documents.sorted { $0.id < $1.id }
        let prints = documents.map { UInt64($0.fingerprint, radix: 16) }
        // Each document's statement words as a sorted list without repeats: pairs are compared by
        // merging two short integer lists.
        let keySets: [[UInt64]] = documents.map { document in
            Array(Set((keysByDocument[document.id] ?? []).map(\.words))).sorted()
        }

        // Each document's rarer half of its statements (by how many documents have them, then by
        // value): two documents that share more than half of each one's statements share one of
        // these, whatever the order, as long as every document uses the same one.
        var frequency: [UInt64: Int] = [:]
        for keys in keySets { for key in keys { frequency[key, default: 0] += 1 } }
        var index: [UInt64: [Int]] = [:]
        var parent = Array(documents.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        for i in documents.indices where !keySets[i].isEmpty {
            let ordered = keySets[i].map { (frequency[$0] ?? 0, $0) }.sorted { $0 < $1 }.map(\.1)
            var candidates: Set<Int> = []
            for key in ordered.prefix((ordered.count + 1) / 2) {
                candidates.formUnion(index[key] ?? [])
                index[key, default: []].append(i)
            }
            guard let print = prints[i] else { continue }
            for j in candidates.sorted() {
                guard let other = prints[j], (print ^ other).nonzeroBitCount <= Self.maxDistance,
                      Self.shareMostStatements(keySets[i], keySets[j]) else { continue }
                let (a, b) = (root(i), root(j))
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }

        var members: [Int: [Int]] = [:]
        for i in documents.indices { members[root(i), default: []].append(i) }
        var groups: [Group] = []
        var uncounted: Set<String> = []
        for group in members.values where group.count > 1 {
            let ordered = group.sorted { Self.earlier(documents[$0], documents[$1]) }
            let canonical = ordered[0]
            var seen = Set((keysByDocument[documents[canonical].id] ?? []).map(\.words))
            var copies: [Copy] = []
            for member in ordered.dropFirst() {
                let own = keysByDocument[documents[member].id] ?? []
                var left = 0
                for statement in own where seen.contains(statement.words) {
                    uncounted.insert(statement.id)
                    left += 1
                }
                seen.formUnion(own.map(\.words))
                let distance = prints[member].flatMap { a in prints[canonical].map { (a ^ $0).nonzeroBitCount } } ?? 64
                copies.append(Copy(id: documents[member].id, distance: distance, uncounted: left, statements: own.count))
            }
            groups.append(Group(canonical: documents[canonical].id, copies: copies))
        }
        self.groups = groups.sorted { $0.canonical < $1.canonical }
        self.uncounted = uncounted
    }

    /// The group a document belongs to (as canonical or copy), nil when it has no copy.
    public func group(of documentID: String) -> Group? {
        groups.first { $0.canonical == documentID || $0.copies.contains { $0.id == documentID } }
    }

    /// Statement words as compared across copies: folded, one space between words, punctuation
    /// and quote marks dropped.
    static func key(_ text: String) -> String {
        let folded = Folding.fold(text)
        // ASCII (most statements once folded): words are runs of letters and digits, by bytes; the
        // Character properties cost a tenth of writing a large report's tables.
        if folded.utf8.allSatisfy({ $0 < 0x80 }) {
            var key: [UInt8] = []
            key.reserveCapacity(folded.utf8.count)
            var inWord = false
            for byte in folded.utf8 {
                let isWordByte = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                if isWordByte {
                    if !inWord && !key.isEmpty { key.append(0x20) }
                    key.append(byte)
                }
                inWord = isWordByte
            }
            return String(decoding: key, as: UTF8.self)
        }
        return folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
    }

    /// FNV-1a (64-bit) of a statement's words (`key`): two different statements share a hash with
    /// odds of about one in 10^19 per pair, far below any corpus's count of statements squared.
    static func hash(_ key: String) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for byte in key.utf8 { h = (h ^ UInt64(byte)) &* 0x100000001b3 }
        return h
    }

    /// More than half of each sorted, repeat-free list is in the other.
    static func shareMostStatements<Key: Comparable>(_ a: [Key], _ b: [Key]) -> Bool {
        guard !a.isEmpty, !b.isEmpty else { return false }
        var (i, j, common) = (0, 0, 0)
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                common += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return 2 * common > a.count && 2 * common > b.count
    }

    static func earlier(_ a: DocumentSummary, _ b: DocumentSummary) -> Bool {
        switch (a.date, b.date) {
        case let (x?, y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a.id < b.id
        }
    }
}

extension Aggregator {
    /// Positions over a corpus's statements with near-duplicate copies counted once
    /// (`NearDuplicates`): what `aggregate` computes, also for a result changed afterwards (corrections).
    public func countedPositions(documents: [DocumentSummary], statements: [Statement], stances: [StatementStance]) -> [Position] {
        let duplicates = NearDuplicates(documents: documents, statements: statements)
        let speakerOf = Dictionary(statements.map { ($0.id, $0.speaker) }, uniquingKeysWith: { a, _ in a })
        let counted = duplicates.isEmpty ? stances : stances.filter { !duplicates.uncounted.contains($0.statementID) }
        return positions(stances: counted, speakerOf: speakerOf)
    }
}
