import Testing
@testable import Dosing
