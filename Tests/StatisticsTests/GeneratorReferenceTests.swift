import Foundation
import Testing
import TestSupport
@testable import Statistics

/// SplitMix64 and xoshiro256** against Vigna's reference C code (`xoshiro_reference.c` compiled with
/// gcc; outputs in `xoshiro_reference.json`).
@Suite("Generators match the reference C code")
struct GeneratorReferenceTests {
    struct Stream: Decodable {
        let state: [String]
        let xoshiro256starstar: [String]
        let stateAfterJump: [String]
        let afterJump: [String]
    }

    struct Seeded: Decodable {
        let seed: String
        let splitmix64: [String]
        let state: [String]
        let xoshiro256starstar: [String]
        let stateAfterJump: [String]
        let afterJump: [String]
    }

    struct File: Decodable { let seeded: [Seeded]; let rawState: Stream }

    static let file: File = try! loadFixture(File.self, "xoshiro_reference.json")

    static func words(_ strings: [String]) -> [UInt64] { strings.map { UInt64($0)! } }

    @Test("SplitMix64 and seeded xoshiro256** outputs", arguments: file.seeded.indices)
    func seeded(_ index: Int) {
        let c = Self.file.seeded[index]
        let seed = UInt64(c.seed)!
        var mixer = SplitMix64(seed: seed)
        #expect((0..<c.splitmix64.count).map { _ in mixer.next() } == Self.words(c.splitmix64))

        var generator = Xoshiro256StarStar(seed: seed)
        #expect(generator.stateWords == Self.words(c.state))
        #expect((0..<c.xoshiro256starstar.count).map { _ in generator.next() } == Self.words(c.xoshiro256starstar))
        generator.jump()
        #expect(generator.stateWords == Self.words(c.stateAfterJump))
        #expect((0..<c.afterJump.count).map { _ in generator.next() } == Self.words(c.afterJump))
    }

    @Test func rawStateAndJump() {
        let c = Self.file.rawState
        let s = Self.words(c.state)
        var generator = Xoshiro256StarStar(state: (s[0], s[1], s[2], s[3]))
        #expect((0..<c.xoshiro256starstar.count).map { _ in generator.next() } == Self.words(c.xoshiro256starstar))
        generator.jump()
        #expect(generator.stateWords == Self.words(c.stateAfterJump))
        #expect((0..<c.afterJump.count).map { _ in generator.next() } == Self.words(c.afterJump))
    }

    @Test func nextUniformIsOpenAndUsesTop53Bits() {
        var a = Xoshiro256StarStar(seed: 7)
        var b = Xoshiro256StarStar(seed: 7)
        for _ in 0..<1000 {
            let u = a.nextUniform()
            #expect(u > 0 && u < 1)
            #expect(u == (Double(b.next() >> 11) + 0.5) * 0x1.0p-53)
        }
    }
}
