/// SplitMix64, the generator used to expand one 64-bit seed into the state of ``Xoshiro256StarStar``.
///
/// `z = (state += 0x9E3779B97F4A7C15); z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
///  z = (z ^ (z >> 27)) * 0x94D049BB133111EB; return z ^ (z >> 31)`.
///
/// Steele, Lea & Flood (2014), "Fast splittable pseudorandom number generators", OOPSLA.
/// Reference C code: Vigna, https://prng.di.unimi.it/splitmix64.c
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable, Codable {
    @usableFromInline var state: UInt64

    public init(seed: UInt64) { state = seed }

    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
