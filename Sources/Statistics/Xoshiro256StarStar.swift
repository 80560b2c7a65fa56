/// The random generator used everywhere ImmunoKit needs randomness: xoshiro256** (Blackman & Vigna),
/// seeded through ``SplitMix64``.
///
/// - Seeding: the four state words are the first four outputs of SplitMix64 started at `seed`, as the
///   authors recommend; a seed therefore reproduces every draw bit for bit, on every platform.
/// - Splitting: ``split()`` derives an independent child generator (seeded from the parent's next output
///   through SplitMix64) and ``init(seed:stream:)`` gives the `stream`-th of many reproducible parallel
///   streams, so that parallel work (folds, bootstrap replicates, simulated patients) gives the same
///   result whatever the number of threads.
/// - ``jump()`` advances the state by 2^128 draws (the published jump polynomial).
///
/// Blackman D, Vigna S (2021), "Scrambled linear pseudorandom number generators", ACM TOMS 47(4).
/// Reference C code: https://prng.di.unimi.it/xoshiro256starstar.c
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Hashable, Codable {
    @usableFromInline var state: (UInt64, UInt64, UInt64, UInt64)

    /// The four state words, for inspection and tests.
    public var stateWords: [UInt64] { [state.0, state.1, state.2, state.3] }

    /// A generator whose state is expanded from `seed` by SplitMix64.
    public init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        state = (mixer.next(), mixer.next(), mixer.next(), mixer.next())
    }

    /// The `stream`-th independent generator for `seed` (stream 0 differs from `init(seed:)`).
    ///
    /// The stream index is mixed into the seed through two SplitMix64 rounds, so neighbouring
    /// `(seed, stream)` pairs give unrelated states.
    public init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(seed: seed ^ 0x6A09_E667_F3BC_C909)
        let a = mixer.next()
        var streamMixer = SplitMix64(seed: a ^ (stream &* 0x9E37_79B9_7F4A_7C15 &+ 0xD1B5_4A32_D192_ED03))
        self.init(seed: streamMixer.next())
    }

    /// A generator with the given raw state. The state must not be all zero.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "xoshiro256** state must not be all zero")
        self.state = state
    }

    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotl(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotl(state.3, 45)
        return result
    }

    /// An independent child generator; advances this generator by one draw.
    public mutating func split() -> Xoshiro256StarStar {
        Xoshiro256StarStar(seed: next())
    }

    /// Advances the state by 2^128 draws: 2^128 non-overlapping subsequences for parallel use.
    public mutating func jump() {
        let polynomial: [UInt64] = [
            0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C, 0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C,
        ]
        var s: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for word in polynomial {
            for bit in 0..<64 {
                if word & (UInt64(1) << UInt64(bit)) != 0 {
                    s.0 ^= state.0
                    s.1 ^= state.1
                    s.2 ^= state.2
                    s.3 ^= state.3
                }
                _ = next()
            }
        }
        state = s
    }

    /// A uniform double in the open interval (0, 1), from the top 53 bits: `(k + 0.5) / 2^53`.
    ///
    /// Never returns 0 or 1, so `log(u)` and `log(1 - u)` are always finite.
    @inlinable
    public mutating func nextUniform() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1.0p-53
    }

    @usableFromInline
    func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    // Tuples are not Hashable/Codable; conform through the four words.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.state == rhs.state }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(state.0)
        hasher.combine(state.1)
        hasher.combine(state.2)
        hasher.combine(state.3)
    }

    private enum CodingKeys: String, CodingKey { case state }

    public init(from decoder: any Decoder) throws {
        let words = try decoder.container(keyedBy: CodingKeys.self).decode([UInt64].self, forKey: .state)
        guard words.count == 4, words != [0, 0, 0, 0] else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "xoshiro256** state must be four words, not all zero"))
        }
        state = (words[0], words[1], words[2], words[3])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode([state.0, state.1, state.2, state.3], forKey: .state)
    }
}
