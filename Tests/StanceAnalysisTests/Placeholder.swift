import XCTest

final class StanceAnalysisTestsPlaceholder: XCTestCase {}
