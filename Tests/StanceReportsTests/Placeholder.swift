import XCTest

final class StanceReportsTestsPlaceholder: XCTestCase {}
