import XCTest

final class StanceLexiconTestsPlaceholder: XCTestCase {}
