import XCTest

final class StanceKitTestsPlaceholder: XCTestCase {}
