import XCTest

final class StanceCoreTestsPlaceholder: XCTestCase {}
