import Foundation
import StanceCore

/// Articles in JSON Lines: one object per line with `id` and `text` (strings), and optional
/// `title`, `date`, `source`, `url`. Lines end with LF or CRLF; blank lines are skipped.
///
/// The file as a whole must be UTF-8 (UTF-16/UTF-32 and empty files are refused like text files);
/// then each line is decoded and parsed on its own: a bad line (invalid UTF-8, a NUL byte, not a JSON
/// object, a missing or empty field, a paragraph over the limit) is an error naming `file:line`, and
/// the other lines are read.
public enum JSONLArticles {
    public static func read(_ data: Data, path: String) -> [Result<Document, InputError>] {
        read([UInt8](data), path: path, document: path)
    }

    /// - Parameters:
    ///   - path: the file as named in messages; `document`: its relative path (document id prefix
    ///     of error records).
    ///   - maxParagraphLength: see `DocumentReader.maxParagraphLength` (0: no limit).
    public static func read(_ bytes: [UInt8], path: String, document: String,
                            maxParagraphLength: Int = DocumentReader.defaultMaxParagraphLength) -> [Result<Document, InputError>] {
        if bytes.isEmpty { return [.failure(InputError(path: path, document: document, reason: TextDecoder.DecodeProblem.empty.description))] }
        if let encoding = TextDecoder.byteOrderMark(bytes) {
            let problem = TextDecoder.DecodeProblem.utf16(byteOrderMark: true, encoding: encoding)
            return [.failure(InputError(path: path, document: document, reason: problem.description))]
        }
        if let encoding = bytes.withUnsafeBufferPointer({ TextDecoder.looksLikeUTF16($0) }) {
            let problem = TextDecoder.DecodeProblem.utf16(byteOrderMark: false, encoding: encoding)
            return [.failure(InputError(path: path, document: document, reason: problem.description))]
        }
        let bodyStart = TextDecoder.hasUTF8ByteOrderMark(bytes) ? 3 : 0
        var results: [Result<Document, InputError>] = []
        var lineNumber = 0
        var start = bodyStart
        while start < bytes.count {
            lineNumber += 1
            let newline = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            var end = newline
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            let line = bytes[start..<end]
            let lineStart = start
            start = newline + 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let fail = { (reason: String) in
                Result<Document, InputError>.failure(InputError(path: path, line: lineNumber, document: "\(document):\(lineNumber)", reason: reason))
            }
            if let nul = line.firstIndex(of: 0) {
                results.append(fail("NUL byte at byte offset \(nul) of the file (binary data); line not read"))
                continue
            }
            guard let text = String(validating: line, as: UTF8.self) else {
                let offset = line.withUnsafeBufferPointer { lineStart + TextDecoder.firstInvalidUTF8($0) }
                results.append(fail("invalid UTF-8 at byte offset \(offset) of the file; line not read"))
                continue
            }
            results.append(parse(text, path: path, line: lineNumber, document: document, maxParagraphLength: maxParagraphLength))
        }
        if lineNumber == 0 || results.isEmpty {
            return [.failure(InputError(path: path, document: document, reason: "no articles (only blank lines)"))]
        }
        return results
    }

    public static func parse(_ line: String, path: String, line lineNumber: Int, document: String? = nil,
                             maxParagraphLength: Int = DocumentReader.defaultMaxParagraphLength) -> Result<Document, InputError> {
        let fail = { (reason: String) in
            Result<Document, InputError>.failure(InputError(path: path, line: lineNumber, document: "\(document ?? path):\(lineNumber)", reason: reason))
        }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(line.utf8))
        } catch {
            return fail("not valid JSON; line not read")
        }
        guard let object = parsed as? [String: Any] else { return fail("not a JSON object; line not read") }
        guard let id = object["id"] as? String, !id.isEmpty else { return fail("missing string field \"id\"; line not read") }
        guard let text = object["text"] as? String else { return fail("missing string field \"text\" (article \(id)); line not read") }
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) { return fail("empty text (article \(id)); line not read") }
        if let over = ParagraphMeasure.overLimit(text, limit: maxParagraphLength, lineOf: " of its text") { return fail("article \(id): \(over)") }
        return .success(Document(id: id, text: text, title: object["title"] as? String, date: object["date"] as? String,
                                 source: object["source"] as? String, url: object["url"] as? String))
    }
}
