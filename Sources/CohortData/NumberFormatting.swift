/// Writing Doubles as short decimal text that reads back to the same value.
public enum NumberFormatting {
    /// Appends the text of `value` to `bytes`: integers without a fraction ("3"), values with at most
    /// six decimals exactly ("4.1877"), anything else in Swift's shortest round-trip form ("1e-07",
    /// "0.30000000000000004"); NaN as "NA".
    ///
    /// The six-decimal fast path is exact: when `m = round(v · 10⁶)` satisfies `m / 10⁶ == v` in
    /// floating point, `v` is the correctly rounded double nearest to the decimal `m / 10⁶`, so parsing
    /// that decimal gives `v` back. It avoids a String allocation per number.
    @inlinable
    public static func append(_ value: Double, to bytes: inout [UInt8]) {
        if value.isNaN {
            bytes.append(0x4E); bytes.append(0x41)
            return
        }
        let magnitude = abs(value)
        if magnitude < 1e9 {
            let scaled = (magnitude * 1e6).rounded()
            if scaled / 1e6 == magnitude {
                var units = UInt64(scaled)
                if value < 0 && units != 0 { bytes.append(0x2D) }
                let integer = units / 1_000_000
                units %= 1_000_000
                appendInteger(integer, to: &bytes)
                if units != 0 {
                    bytes.append(0x2E)
                    var digits = 6
                    while units % 10 == 0 { units /= 10; digits -= 1 }
                    var buffer: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0)
                    withUnsafeMutableBytes(of: &buffer) { raw in
                        for k in stride(from: digits - 1, through: 0, by: -1) {
                            raw[k] = UInt8(units % 10) + 0x30
                            units /= 10
                        }
                        bytes.append(contentsOf: raw[0..<digits])
                    }
                }
                return
            }
        }
        bytes.append(contentsOf: value.description.utf8)
    }

    @inlinable
    static func appendInteger(_ value: UInt64, to bytes: inout [UInt8]) {
        if value < 10 { bytes.append(UInt8(value) + 0x30); return }
        var digits: [UInt8] = []
        var v = value
        while v > 0 { digits.append(UInt8(v % 10) + 0x30); v /= 10 }
        bytes.append(contentsOf: digits.reversed())
    }

    /// The text of `value` (see ``append(_:to:)``).
    public static func string(_ value: Double) -> String {
        var bytes: [UInt8] = []
        append(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
