import Foundation
import StanceCore
import StanceLexicon
import StanceStore

/// One entry of a lexicon set with the part of the set it belongs to: a word list
/// (`stance/negators`) or a section of a topic (`russia-peace objects`, `russia-peace actors.west`).
public struct LexiconEntryRef: Sendable, Hashable {
    public let entry: LexiconEntry
    public let section: String

    /// What identifies the entry across two versions of the set, whatever line it moved to: its
    /// file, section and folded words.
    public var key: String {
        entry.location.file + "\u{0}" + section + "\u{0}" + entry.words.joined(separator: " ") + (entry.isWildcard ? "*" : "")
    }

    /// The entry's other columns (`weight`, `class`, `polarity`, ...), sorted, as `key=value` items.
    public var values: String {
        entry.fields.keys.sorted().compactMap { key in
            guard key != "term", let value = entry.fields[key], !value.isEmpty else { return nil }
            return "\(key)=\(value)"
        }.joined(separator: " ")
    }

    /// `file:line`, with `:col` when the entry is not at the start of its line (YAML lists on one line).
    public var place: String { Self.place(entry.location) }

    public static func place(_ location: SourceLocation) -> String {
        location.column > 1 ? location.description : location.fileLine
    }
}

extension Lexicon {
    /// Every word-list entry and every topic term, lists in path order, then topics in order.
    public var allEntries: [LexiconEntryRef] {
        var refs: [LexiconEntryRef] = []
        for name in lists.keys.sorted() {
            refs += lists[name]!.entries.map { LexiconEntryRef(entry: $0, section: name) }
        }
        for topic in topics {
            let sections: [(String, [LexiconEntry])] = [("holder", topic.holder), ("objects", topic.objects),
                                                        ("opposites", topic.opposites), ("terms", topic.terms), ("cues", topic.cues)]
                + topic.actors.keys.sorted().map { ("actors.\($0)", topic.actors[$0]!) }
            for (section, entries) in sections {
                refs += entries.map { LexiconEntryRef(entry: $0, section: "\(topic.id) \(section)") }
            }
        }
        return refs
    }

    /// The entries by their exact place (file, line, column): how evidence cites them.
    public var entriesByLocation: [SourceLocation: LexiconEntryRef] {
        Dictionary(allEntries.map { ($0.entry.location, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The same set without the entries at `locations` (a word-list line, or one term of a topic):
    /// what the analysis would do had they never been written. The hash is kept.
    public func removing(_ locations: Set<SourceLocation>) -> Lexicon {
        func keep(_ entries: [LexiconEntry]) -> [LexiconEntry] { entries.filter { !locations.contains($0.location) } }
        let files = Set(locations.map(\.file))
        var newLists = lists
        for (name, list) in lists where files.contains(list.file) {
            newLists[name] = WordList(name: list.name, file: list.file, columns: list.columns, entries: keep(list.entries))
        }
        let newTopics = topics.map { topic -> Topic in
            guard files.contains(topic.file) else { return topic }
            return Topic(id: topic.id, label: topic.label, target: topic.target, kind: topic.kind, holder: keep(topic.holder),
                         objects: keep(topic.objects), opposites: keep(topic.opposites), terms: keep(topic.terms),
                         actors: topic.actors.mapValues(keep), cues: keep(topic.cues), file: topic.file)
        }
        return Lexicon(lists: newLists, topics: newTopics, speakers: speakers, settings: settings, hash: hash)
    }
}

/// A lexicon set rebuilt from the copies of its files stored with a run (`run_lexicon_files`).
public enum StoredLexicon {
    /// Writes the files into a temporary folder, loads them with `LexiconLoader` (the same
    /// validation as any run) and removes the folder.
    public static func load(_ files: [LexiconFile]) throws -> LexiconLoadResult {
        let fm = FileManager.default
        let folder = fm.temporaryDirectory.appendingPathComponent("stance-stored-lexicon-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: folder) }
        for file in files {
            let url = folder.appendingPathComponent(file.path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.bytes).write(to: url)
        }
        if files.isEmpty { try fm.createDirectory(at: folder, withIntermediateDirectories: true) }
        return LexiconLoader.load(directory: folder)
    }
}
