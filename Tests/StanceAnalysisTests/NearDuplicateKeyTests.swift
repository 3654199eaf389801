import XCTest
import StanceCore
@testable import StanceAnalysis

/// The words two statements are compared by (near-duplicate articles): the byte path for ASCII text
/// must give what splitting on letters and digits gives.
final class NearDuplicateKeyTests: XCTestCase {
    func testASCIIPathAgreesWithCharacterSplit() {
        let texts = [
            "", "   ", "The toll is fair.", "“The toll is fair,” he said — twice!", "e.g. U.S. No. 2, 3.5% of $1,200",
            "Babaoğlu's view: peace is within Russia’s interests", "snake_case and CamelCase\r\nnext line\ttab",
            "«Bien sûr», a-t-il dit", "9/11 and 24-hour news", "x@evil.example [click](http://evil.example)",
        ]
        for text in texts {
            let reference = Folding.fold(text).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
            XCTAssertEqual(NearDuplicates.key(text), reference, text)
        }
        XCTAssertEqual(NearDuplicates.key("“The Toll is FAIR,” he said"), "the toll is fair he said")
    }
}
