import FuzzSupport
import StanceCore
import StanceKit

/// The JSONL article reader and the text decoder on arbitrary bytes. Properties: no crash; every
/// result names the file (errors with a 1-based line no later than the file's last line); every
/// article read has a non-empty id and text and no paragraph over the limit.
let maxParagraphLength = 200

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = TextDecoder.decode(bytes)
    let lines = bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    let results = JSONLArticles.read(bytes, path: "in/fuzz.jsonl", document: "fuzz.jsonl", maxParagraphLength: maxParagraphLength)
    FuzzSupport.require(!results.isEmpty, "no result at all")
    for result in results {
        switch result {
        case .success(let document):
            FuzzSupport.require(!document.id.isEmpty && !document.text.isEmpty, "an empty article was read")
            // A line that is not blank is part of a paragraph: one over the limit means a paragraph over it.
            let isBlank = { (line: Substring) in
                line.unicodeScalars.allSatisfy { $0.properties.isWhitespace || $0 == "\u{200B}" || $0 == "\u{FEFF}" }
            }
            let longest = document.text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
                .filter { !isBlank($0) }.map { $0.unicodeScalars.count }.max() ?? 0
            FuzzSupport.require(longest <= maxParagraphLength, "a \(longest)-scalar line passed the paragraph limit")
        case .failure(let error):
            FuzzSupport.require(error.path == "in/fuzz.jsonl", "error names \(error.path)")
            if let line = error.line { FuzzSupport.require(line >= 1 && line <= lines, "error at line \(line) of \(lines)") }
        }
    }
    return 0
}
