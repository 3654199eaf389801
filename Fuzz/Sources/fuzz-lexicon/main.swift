import Foundation
import FuzzSupport
import StanceAnalysis
import StanceCore
import StanceLexicon

/// The lexicon parsers (word-list TSV with the term syntax, topic YAML, speaker registry YAML,
/// settings YAML) on arbitrary bytes: the input replaces one file of the shipped set, chosen by its
/// first byte, and the whole set is loaded in memory (`LexiconLoader.load(files:)`), cross-file
/// checks included. Properties: no crash; a set that loads without errors also builds a pipeline
/// that analyses a short article; every diagnostic names a file of the set and a line >= 1.
let shipped: [(path: String, bytes: [UInt8])] = {
    let directory = FuzzSupport.lexiconDirectory
    guard let paths = try? LexiconLoader.filePaths(in: directory) else { fatalError("cannot list \(directory.path)") }
    return paths.map { ($0, [UInt8](FileManager.default.contents(atPath: directory.appendingPathComponent($0).path) ?? Data())) }
}()
/// Files the input may replace: every shipped file, and new ones of each kind.
let targets = shipped.map(\.path) + ["topics/fuzz.yaml", "speakers/fuzz.yaml", "stance/fuzz.tsv"]
let article = Document(id: "a.txt", text: """
    Bridge toll debate

    "The toll is a tax on workers," Mayor Ilse Varga said on Monday.

    Transport minister Tomas Hollan disagreed. "Without the toll, the bridge cannot be maintained," he said.
    """)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let target = targets[Int(data[0]) % targets.count]
    let content = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    // The file on its own first (fast: most inputs stop here with errors); a file without errors is
    // then loaded with the rest of the set, cross-file checks included, and the set analyses an article.
    let alone = LexiconLoader.load(files: [(target, content)])
    check(alone, paths: [target])
    guard alone.errors.isEmpty else { return 0 }
    var files = shipped.filter { $0.path != target }
    files.append((target, content))
    let result = LexiconLoader.load(files: files)
    check(result, paths: Set(files.map(\.path)))
    if let lexicon = result.lexicon {
        _ = Pipeline(lexicon: lexicon).analyze(article)
    }
    return 0
}

func check(_ result: LexiconLoadResult, paths: Set<String>) {
    for diagnostic in result.diagnostics {
        FuzzSupport.require(paths.contains(diagnostic.location.file) || diagnostic.location.file == ".",
                            "diagnostic names \(diagnostic.location.file)")
        FuzzSupport.require(diagnostic.location.line >= 1, "diagnostic at line \(diagnostic.location.line)")
    }
}
