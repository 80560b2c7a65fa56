import Testing
@testable import Treatment
