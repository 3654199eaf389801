import FuzzSupport
import StanceAnalysis
import StanceCore
import StanceKit

/// Segmenter, attributor and stance scorer on arbitrary bytes (one document per input).
/// Properties: no crash or hang; every paragraph, quotation and statement range lies inside the text,
/// and a statement's text is exactly the text at its range (output contract: offsets are Unicode
/// scalar offsets into the text as read); statements point at real paragraphs; stance scores are finite
/// and within [-1, 1].
let pipeline = Pipeline(lexicon: FuzzSupport.lexicon)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let text = FuzzSupport.text(bytes)
    let scalars = Array(text.unicodeScalars)
    let analysis = pipeline.analyze(Document(id: "fuzz.txt", text: text))
    for paragraph in analysis.paragraphs {
        FuzzSupport.require(FuzzSupport.slice(scalars, paragraph.range) != nil, "paragraph \(paragraph.range) outside \(scalars.count)")
    }
    for quotation in analysis.quotations {
        FuzzSupport.require(FuzzSupport.slice(scalars, quotation.range) != nil, "quotation \(quotation.range) outside \(scalars.count)")
    }
    let paragraphs = Set(analysis.paragraphs.map(\.index))
    for statement in analysis.statements {
        FuzzSupport.require(FuzzSupport.slice(scalars, statement.range) == statement.text,
                            "statement \(statement.range) is not its text \(statement.text.debugDescription)")
        FuzzSupport.require(paragraphs.contains(statement.paragraph), "statement in paragraph \(statement.paragraph), not a paragraph")
    }
    for stance in analysis.stances {
        FuzzSupport.require(stance.score.isFinite && abs(stance.score) <= 1, "stance score \(stance.score)")
    }
    return 0
}
