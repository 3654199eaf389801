import FuzzSupport
import StanceReports

/// The CSV reader on arbitrary bytes, in both profiles. Properties: no crash; what the plain profile
/// reads, written back with `CSVWriter` (plain) and read again, gives the same rows (the writer and
/// the reader agree on every value: quotes, commas, CR, LF, white space at the ends, a leading BOM).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = try? CSVReader.rows(bytes: bytes, profile: .excel)
    guard let rows = try? CSVReader.rows(bytes: bytes, profile: .plain) else { return 0 }
    // A row whose only cell is empty is an empty line, which readers skip (tables always have
    // several columns, so the writer never meets one).
    let kept = rows.filter { $0 != [""] }
    let written = kept.map { row in row.map { CSVWriter.cell($0, kind: .text, profile: .plain) }.joined(separator: ",") + "\n" }.joined()
    let reread = try? CSVReader.rows(written, profile: .plain)
    FuzzSupport.require(reread == kept, "CSV round trip: \(kept.debugDescription) became \(reread.debugDescription) via \(written.debugDescription)")
    return 0
}
