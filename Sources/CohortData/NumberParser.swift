import Foundation

/// Fast, exact parsing of decimal numbers from bytes.
///
/// Clinger's fast path: a decimal with at most 19 significant digits whose integer mantissa `m` is
/// below 2^53 and whose decimal exponent `e` satisfies |e| ≤ 22 is exactly `m × 10^e` or `m / 10^-e`
/// in one correctly rounded IEEE operation, because both operands are exact doubles. Everything else
/// (long mantissas, large exponents, `inf`) falls back to `strtod`, which is correctly rounded.
///
/// Clinger WD (1990), "How to read floating point numbers accurately", PLDI.
public enum NumberParser {
    @usableFromInline
    static let powersOfTen: [Double] = (0...22).map { pow(10.0, Double($0)) }

    /// The number in `bytes` (surrounding spaces allowed), or `nil` when it is not entirely a number.
    /// Accepts `-1.5`, `+2`, `.5`, `3.`, `1e-7`, `1E+07`, `inf`, `Inf`, `-Infinity`; not `0x1p3`, `1,5`.
    @inlinable
    public static func parseDouble(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0
        var n = bytes.count
        while i < n, bytes[i] == 0x20 { i += 1 }
        while n > i, bytes[n - 1] == 0x20 { n -= 1 }
        guard i < n else { return nil }
        let start = i
        var negative = false
        if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0          // significant digits accumulated into `mantissa`
        var anyDigit = false
        var exponent = 0
        var overflowDigits = false
        while i < n, bytes[i] &- 0x30 < 10 {
            anyDigit = true
            let d = UInt64(bytes[i] &- 0x30)
            if digits < 19 {
                if mantissa != 0 || d != 0 { digits += 1 }
                mantissa = mantissa &* 10 &+ d
            } else {
                overflowDigits = true
                exponent += 1
            }
            i += 1
        }
        if i < n, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, bytes[i] &- 0x30 < 10 {
                anyDigit = true
                let d = UInt64(bytes[i] &- 0x30)
                if digits < 19 {
                    if mantissa != 0 || d != 0 { digits += 1 }
                    mantissa = mantissa &* 10 &+ d
                    exponent -= 1
                } else if d != 0 {
                    overflowDigits = true
                }
                i += 1
            }
        }
        guard anyDigit else { return slowParse(bytes, start, n) }
        if i < n, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var expNegative = false
            if i < n, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
                expNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var e = 0
            var expDigits = 0
            while i < n, bytes[i] &- 0x30 < 10 {
                if e < 100_000 { e = e * 10 + Int(bytes[i] &- 0x30) }
                expDigits += 1
                i += 1
            }
            guard expDigits > 0 else { return nil }
            exponent += expNegative ? -e : e
        }
        guard i == n else { return nil }
        if !overflowDigits, mantissa < (1 << 53), exponent >= -22, exponent <= 22 {
            var value = Double(mantissa)
            value = exponent >= 0 ? value * powersOfTen[exponent] : value / powersOfTen[-exponent]
            return negative ? -value : value
        }
        return slowParse(bytes, start, n)
    }

    /// `strtod` on a NUL-terminated copy; requires the whole text to be consumed.
    @usableFromInline
    static func slowParse(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        let length = end - start
        guard length > 0, length < 512 else { return nil }
        // Reject hexadecimal and other strtod extensions that are not decimal numbers.
        for k in start..<end {
            let c = bytes[k] | 0x20
            if c == UInt8(ascii: "x") || c == UInt8(ascii: "p") { return nil }
        }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { text in
            for k in 0..<length { text[k] = CChar(bitPattern: bytes[start + k]) }
            text[length] = 0
            var endPointer: UnsafeMutablePointer<CChar>?
            let value = strtod(text.baseAddress!, &endPointer)
            guard let endPointer, endPointer - text.baseAddress! == length else { return nil }
            return value
        }
    }

    /// Parses a Swift string (convenience for small tables).
    public static func parseDouble(_ text: some StringProtocol) -> Double? {
        var copy = String(text)
        return copy.withUTF8 { parseDouble($0) }
    }
}
