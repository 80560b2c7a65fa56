/// Least-significant-digit radix sort of `Double` keys (11-bit digits, six passes, passes where every
/// key shares the digit skipped), stable, used by every rank-based metric.
///
/// Doubles are mapped to `UInt64` keys whose unsigned order is the numeric order (flip all bits of
/// negatives, set the sign bit of non-negatives; −0 is folded into +0 first). NaN must be excluded by
/// the caller.
///
/// - Complexity: O(n) time, O(n) extra space; below 512 keys the standard library's sort is used.
package enum RadixSort {
    @inline(__always)
    package static func key(_ x: Double) -> UInt64 {
        let bits = (x + 0).bitPattern
        return bits >> 63 == 1 ? ~bits : bits | (1 << 63)
    }

    @inline(__always)
    package static func double(_ key: UInt64) -> Double {
        Double(bitPattern: key >> 63 == 1 ? key & ~(1 << 63) : ~key)
    }

    private static let digitBits = 11
    private static let buckets = 1 << digitBits
    private static let passes = 6

    /// The values sorted ascending.
    package static func sorted(_ values: [Double]) -> [Double] {
        let n = values.count
        if n < 512 { return values.sorted() }
        var keys = [UInt64](unsafeUninitializedCapacity: n) { buffer, count in
            values.withUnsafeBufferPointer { v in for i in 0..<n { buffer[i] = key(v[i]) } }
            count = n
        }
        var scratch = [UInt64](repeating: 0, count: n)
        let histograms = histogram(keys)
        keys.withUnsafeMutableBufferPointer { a in
            scratch.withUnsafeMutableBufferPointer { b in
                var source = a, target = b
                for pass in 0..<passes {
                    guard var offsets = prefixOffsets(histograms, pass: pass, n: n) else { continue }
                    let shift = UInt64(pass * digitBits)
                    offsets.withUnsafeMutableBufferPointer { o in
                        for i in 0..<n {
                            let k = source[i]
                            let d = Int((k >> shift) & UInt64(buckets - 1))
                            target[o[d]] = k
                            o[d] += 1
                        }
                    }
                    swap(&source, &target)
                }
                if source.baseAddress != a.baseAddress { _ = a.update(fromContentsOf: source) }
            }
        }
        return keys.map(double)
    }

    /// The permutation that sorts `values` ascending; ties keep index order (stable).
    package static func argsort(_ values: [Double]) -> [Int] {
        let n = values.count
        if n < 512 {
            return values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        }
        var keys = values.map(key)
        var index = [UInt32](unsafeUninitializedCapacity: n) { buffer, count in
            for i in 0..<n { buffer[i] = UInt32(truncatingIfNeeded: i) }
            count = n
        }
        var keyScratch = [UInt64](repeating: 0, count: n)
        var indexScratch = [UInt32](repeating: 0, count: n)
        let histograms = histogram(keys)
        var inScratch = false
        for pass in 0..<passes {
            guard var offsets = prefixOffsets(histograms, pass: pass, n: n) else { continue }
            let shift = UInt64(pass * digitBits)
            func scatter(_ sk: UnsafeBufferPointer<UInt64>, _ si: UnsafeBufferPointer<UInt32>,
                         _ tk: UnsafeMutableBufferPointer<UInt64>, _ ti: UnsafeMutableBufferPointer<UInt32>) {
                offsets.withUnsafeMutableBufferPointer { o in
                    for i in 0..<n {
                        let k = sk[i]
                        let d = Int((k >> shift) & UInt64(buckets - 1))
                        let p = o[d]
                        tk[p] = k
                        ti[p] = si[i]
                        o[d] = p + 1
                    }
                }
            }
            if inScratch {
                keyScratch.withUnsafeBufferPointer { sk in indexScratch.withUnsafeBufferPointer { si in
                    keys.withUnsafeMutableBufferPointer { tk in index.withUnsafeMutableBufferPointer { ti in
                        scatter(sk, si, tk, ti) } } } }
            } else {
                keys.withUnsafeBufferPointer { sk in index.withUnsafeBufferPointer { si in
                    keyScratch.withUnsafeMutableBufferPointer { tk in indexScratch.withUnsafeMutableBufferPointer { ti in
                        scatter(sk, si, tk, ti) } } } }
            }
            inScratch.toggle()
        }
        return (inScratch ? indexScratch : index).map { Int($0) }
    }

    /// One histogram per pass, from a single read of the keys.
    private static func histogram(_ keys: [UInt64]) -> [Int] {
        var counts = [Int](repeating: 0, count: passes * buckets)
        counts.withUnsafeMutableBufferPointer { c in
            keys.withUnsafeBufferPointer { k in
                for key in k {
                    var x = key
                    for pass in 0..<passes {
                        c[pass * buckets + Int(x & UInt64(buckets - 1))] += 1
                        x >>= UInt64(digitBits)
                    }
                }
            }
        }
        return counts
    }

    /// Exclusive prefix sums for one pass, or nil when one bucket holds every key (nothing to do).
    private static func prefixOffsets(_ histograms: [Int], pass: Int, n: Int) -> [Int]? {
        var offsets = [Int](repeating: 0, count: buckets)
        var running = 0
        for d in 0..<buckets {
            let c = histograms[pass * buckets + d]
            if c == n { return nil }
            offsets[d] = running
            running += c
        }
        return offsets
    }
}
