import Foundation
import Statistics
import Testing
@testable import Learning

@Suite("Recalibration")
struct RecalibrationTests {
    /// Outcomes drawn from logit P(y) = a + b · logit(p) for known a and b.
    static func sample(a: Double, b: Double, n: Int = 40_000) -> (p: [Double], y: [Double]) {
        var g = Xoshiro256StarStar(seed: 3)
        var p: [Double] = [], y: [Double] = []
        for _ in 0..<n {
            let x = Normal(mean: -0.5, standardDeviation: 1.2).sample(using: &g)
            p.append(1 / (1 + exp(-x)))
            y.append(g.nextUniform() < 1 / (1 + exp(-(a + b * x))) ? 1 : 0)
        }
        return (p, y)
    }

    @Test("logistic recalibration recovers the true intercept and slope")
    func logistic() throws {
        let (p, y) = Self.sample(a: 0.7, b: 0.6)
        guard case .logistic(let a, let b) = try Recalibration.fit(.logistic, probabilities: p, labels: y) else {
            Issue.record("wrong kind"); return
        }
        // Standard errors at n = 40,000 are about 0.015; allow 4 SE.
        #expect(abs(a - 0.7) < 0.06)
        #expect(abs(b - 0.6) < 0.06)
    }

    @Test("intercept recalibration makes the mean prediction equal the observed rate (the score equation)")
    func intercept() throws {
        let (p, y) = Self.sample(a: -0.8, b: 1)
        let r = try Recalibration.fit(.intercept, probabilities: p, labels: y)
        guard case .intercept(let a) = r else { Issue.record("wrong kind"); return }
        #expect(abs(a + 0.8) < 0.06)
        let mean = p.map(r.apply).reduce(0, +) / Double(p.count)
        #expect(abs(mean - y.reduce(0, +) / Double(y.count)) < 1e-9)
    }

    @Test("isotonic recalibration is monotone and a single-class sample is refused")
    func isotonicAndErrors() throws {
        let (p, y) = Self.sample(a: 0.3, b: 0.5, n: 2_000)
        let r = try Recalibration.fit(.isotonic, probabilities: p, labels: y)
        let grid = stride(from: 0.01, to: 1, by: 0.01).map(r.apply)
        #expect(zip(grid, grid.dropFirst()).allSatisfy { $0.0 <= $0.1 })
        #expect(throws: EstimatorError.self) { _ = try Recalibration.fit(.logistic, probabilities: [0.2, 0.4], labels: [1, 1]) }
    }
}
