import Testing
@testable import Statistics

@Suite("Radix sort")
struct RadixSortTests {
    /// Values with negatives, both zeros, infinities, subnormals, heavy ties and a wide exponent range.
    static func awkward(_ n: Int, seed: UInt64) -> [Double] {
        var g = Xoshiro256StarStar(seed: seed)
        let specials: [Double] = [0, -0.0, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                                  .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1, -1]
        return (0..<n).map { i in
            switch g.next() % 4 {
            case 0: return specials[Int(g.next() % UInt64(specials.count))]
            case 1: return Double(Int(g.next() % 7)) - 3          // ties
            case 2: return (Double(g.next() % 1_000_000) / 1_000_000 - 0.5) * 1e6
            default: return Double(bitPattern: g.next() & ~(0x7ff << 52) | (UInt64(i % 2046 + 1) << 52)) // any exponent
            }
        }
    }

    @Test("sorted agrees with the standard library's sort (zeros compare equal; −0 comes back as +0)",
          arguments: [0, 1, 100, 511, 512, 5_000, 100_000])
    func sortedMatchesStandardSort(n: Int) {
        let values = Self.awkward(n, seed: UInt64(n) + 1)
        let radix = RadixSort.sorted(values)
        let reference = values.sorted()
        #expect(radix.count == reference.count)
        #expect(zip(radix, reference).allSatisfy { $0 == $1 })
        if n >= 512 { #expect(!radix.contains { $0 == 0 && $0.sign == .minus }) }
    }

    @Test("argsort is the stable sorting permutation", arguments: [300, 20_000])
    func argsortIsStable(n: Int) {
        let values = Self.awkward(n, seed: 7)
        let order = RadixSort.argsort(values)
        #expect(order.sorted() == Array(0..<n))
        for k in 1..<n {
            let a = values[order[k - 1]], b = values[order[k]]
            #expect(a < b || (a == b && order[k - 1] < order[k]))
        }
    }
}
