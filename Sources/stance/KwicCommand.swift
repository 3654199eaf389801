import ArgumentParser
import Foundation
import StanceCore
import StanceKit
import StanceReports

struct Kwic: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kwic", abstract: "Keyword in context: where a term, or one lexicon entry, matches in articles.",
        discussion: """
        stance kwic PATTERN PATH: PATTERN is written like a lexicon term (words, a multiword phrase, a trailing * \
        for a prefix, _ for a slot of one to three words) and matched as the analysis matches entries. \
        stance kwic --entry FILE:LINE PATH: where the lexicon entry on that line fires (FILE relative to the \
        lexicon folder, as evidence cites it; add :COL for one entry of a YAML list on one line). \
        Columns: document, paragraph, pre, keyword, post, start, end, entry.
        """, version: stanceVersion)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, jsonl }

    @Argument(help: "PATTERN PATH, or PATH alone with --entry.")
    var arguments: [String] = []

    @Option(name: .long, help: "A lexicon entry by place: FILE:LINE or FILE:LINE:COL.")
    var entry: String?

    @Option(name: .long, help: "Characters of context on each side.")
    var width: Int = 40

    @Option(name: .long, help: "table (default on a terminal), csv (default otherwise) or jsonl.")
    var format: Format?

    @OptionGroup var lexiconOptions: LexiconOptions

    func validate() throws {
        if entry == nil && arguments.count != 2 { throw ValidationError("give PATTERN PATH, or --entry FILE:LINE PATH") }
        if entry != nil && arguments.count != 1 { throw ValidationError("with --entry, give only PATH") }
        if width < 0 { throw ValidationError("--width must be 0 or more") }
    }

    func run() throws {
        let lexicon = try loadLexiconOrExit(lexiconOptions)
        let entries: [LexiconEntry]
        if let entry {
            entries = try lookUp(entry, in: lexicon)
        } else {
            do { entries = [try KeywordInContext.pattern(arguments[0])] } catch {
                warn("stance: \(error)")
                throw ExitCode.validationFailure
            }
        }
        let path = arguments[arguments.count - 1]
        let kwic = KeywordInContext(entries: entries, lexicon: lexicon, width: width)
        let found: (hits: [KwicHit], failures: [InputError])
        do { found = try kwic.hits(path: path) } catch {
            warn("stance: \(error)")
            throw ExitCode(2)
        }
        for failure in found.failures { warn("stance: \(failure)") }
        switch format ?? (isatty(STDOUT_FILENO) != 0 ? .table : .csv) {
        case .table: print(KeywordInContext.text(found.hits, width: width))
        case .csv: print(KeywordInContext.table(found.hits).render(.plain), terminator: "")
        case .jsonl: print(KeywordInContext.jsonLines(found.hits), terminator: "")
        }
        if !found.failures.isEmpty { throw ExitCode(1) }
    }

    /// FILE:LINE[:COL] -> the entries there; a usage error naming what is wrong otherwise.
    private func lookUp(_ place: String, in lexicon: Lexicon) throws -> [LexiconEntry] {
        var parts = place.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var numbers: [Int] = []
        while let last = parts.last, let n = Int(last), numbers.count < 2, parts.count > 1 {
            numbers.insert(n, at: 0)
            parts.removeLast()
        }
        guard !numbers.isEmpty else {
            warn("stance: --entry wants FILE:LINE or FILE:LINE:COL, got \"\(place)\"")
            throw ExitCode.validationFailure
        }
        let file = parts.joined(separator: ":")
        let items = LexiconEntries(lexicon).items(file: file, line: numbers[0], column: numbers.count > 1 ? numbers[1] : nil)
        guard !items.isEmpty else {
            warn("stance: no lexicon entry at \(place) (FILE relative to the lexicon folder, as evidence cites it)")
            throw ExitCode.validationFailure
        }
        if items.count > 1 {
            warn("stance: \(items.count) entries at \(place): " + items.map { "\($0.entry.term) (\($0.entry.location))" }.joined(separator: ", "))
        }
        return items.map(\.entry)
    }
}
