import Foundation
import StanceCore

/// The matching rules of the gold checker (`shared/tools/check_sample.py`), the one copy every
/// evaluation uses:
/// - a gold statement is **found** when a predicted statement of the same document covers at least
///   half of it and is at most 600 scalars longer (one predicted statement may cover several gold ones);
/// - its **speaker is right** when the last words of the names agree after folding;
/// - a predicted statement is **correct** when it overlaps some gold statement of its document by at
///   least half of the shorter of the two.
/// A gold statement's `document` is a file name: it names a predicted document whose id is that
/// name or ends in `/` + that name.
public enum GoldMatching {
    public static let maxExtraLength = 600

    /// The last word of a name, folded, punctuation as spaces ("James O'Brien" -> "brien").
    public static func lastWord(_ name: String) -> String {
        let folded = Folding.fold(name).map { $0.isLetter || $0.isNumber ? $0 : " " }
        return String(folded).split(separator: " ").last.map(String.init) ?? ""
    }

    public static func overlap(_ a: TextRange, _ b: TextRange) -> Int { max(0, min(a.end, b.end) - max(a.start, b.start)) }

    /// The file name a gold statement uses for a document id.
    public static func fileName(_ documentID: String) -> String { (documentID as NSString).lastPathComponent }

    public static func covers(_ predicted: TextRange, _ gold: TextRange) -> Bool {
        Double(overlap(predicted, gold)) >= 0.5 * Double(gold.length) && predicted.length <= gold.length + maxExtraLength
    }

    public static func isCorrect(_ predicted: TextRange, against gold: TextRange) -> Bool {
        Double(overlap(predicted, gold)) >= 0.5 * Double(min(predicted.length, gold.length))
    }

    /// Predicted statements by the file name gold files use for their document.
    public struct Index {
        private let byFile: [String: [Statement]]

        public init(_ statements: [Statement]) {
            byFile = Dictionary(grouping: statements, by: { GoldMatching.fileName($0.documentID) })
        }

        /// The predicted statements that cover `gold`, best (largest overlap) first.
        public func covering(_ gold: GoldStatement) -> [Statement] {
            (byFile[GoldMatching.fileName(gold.document)] ?? []).filter { GoldMatching.covers($0.range, gold.range) }
                .sorted { GoldMatching.overlap($0.range, gold.range) > GoldMatching.overlap($1.range, gold.range) }
        }
    }

    /// Whether a predicted statement overlaps some gold statement (the precision rule).
    public static func isCorrect(_ statement: Statement, gold byFile: [String: [GoldStatement]]) -> Bool {
        (byFile[fileName(statement.documentID)] ?? []).contains { isCorrect(statement.range, against: $0.range) }
    }
}
