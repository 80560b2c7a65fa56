import CTreeKernels
import Foundation

/// The loss a ``GradientBoostedTrees`` model minimises, chosen from the target:
///
/// - ``logistic`` (binary): `ℓ = −y f + log(1 + eᶠ)`; gradient `p − y`, hessian `p(1 − p)` with
///   `p = σ(f)`; initial score the weighted log-odds (LightGBM's `boost_from_average`).
/// - ``squaredError`` (regression): `ℓ = ½ (f − y)²`; gradient `f − y`, hessian 1; initial score the
///   weighted mean.
/// - ``cox`` (survival): the negative Cox partial log-likelihood with Breslow ties,
///   `−Σ_k δ_k w_k [f_k − log Σ_{j: t_j ≥ t_k} w_j e^{f_j}]`; per row (XGBoost's `survival:cox`,
///   Ridgeway's gbm) gradient `e^{f_i} A_i − δ_i` and hessian `e^{f_i} A_i − e^{2 f_i} B_i`, where
///   `A_i = Σ_{k: t_k ≤ t_i} δ_k w_k / D_k`, `B_i = Σ_{k: t_k ≤ t_i} δ_k w_k / D_k²` and `D_k` is the
///   weighted risk-set sum; initial score 0.
///
/// Gradients and hessians are multiplied by the row weight, so a weight of 2 equals a duplicated row.
public enum BoostingLoss: String, Sendable, Hashable, Codable {
    case logistic
    case squaredError
    case cox

    init(task: Task) {
        switch task {
        case .binaryClassification: self = .logistic
        case .regression: self = .squaredError
        case .survival: self = .cox
        }
    }

    /// The smallest hessian used, so that leaves with saturated probabilities stay finite.
    static let minimumHessian = 1e-16
}

/// The training target in the form the losses need, with rows sorted by time for Cox.
struct BoostingTarget {
    let loss: BoostingLoss
    /// Label (binary / regression) or time (survival).
    let y: [Double]
    let event: [Bool]
    let weight: [Double]
    /// Rows by ascending time (survival only), and the start of each group of tied times.
    let timeOrder: [Int]

    init(target: Target, weight: [Double]) {
        self.weight = weight
        switch target {
        case .binary(let y): loss = .logistic; self.y = y; event = []; timeOrder = []
        case .continuous(let y): loss = .squaredError; self.y = y; event = []; timeOrder = []
        case .survival(let time, let event):
            loss = .cox; y = time; self.event = event
            timeOrder = time.indices.sorted { time[$0] != time[$1] ? time[$0] < time[$1] : $0 < $1 }
        }
    }

    /// The best constant score.
    func initialScore() -> Double {
        let total = weight.reduce(0, +)
        switch loss {
        case .logistic:
            let positive = zip(y, weight).reduce(0) { $0 + $1.0 * $1.1 }
            let p = min(max(positive / total, 1e-15), 1 - 1e-15)
            return log(p / (1 - p))
        case .squaredError:
            return zip(y, weight).reduce(0) { $0 + $1.0 * $1.1 } / total
        case .cox:
            return 0
        }
    }

    /// For `rows`: the logistic gradient `w (p − y)` and hessian `w max(p (1 − p), minimumHessian)` with
    /// `p = 1/(1 + e^−f)` (`immunokit_logistic_gradients`: four rows per vector, with an `exp` within 1 ulp
    /// that gives the same bits on every machine), or the squared-error gradient `w (f − y)` and hessian `w`.
    static func gradients(logistic: Bool, _ rows: Range<Int>, f: [Double], y: [Double], w: [Double],
                          g: UnsafeMutablePointer<Double>, h: UnsafeMutablePointer<Double>) {
        f.withUnsafeBufferPointer { f in
            y.withUnsafeBufferPointer { y in
                w.withUnsafeBufferPointer { w in
                    let start = rows.lowerBound
                    if logistic {
                        immunokit_logistic_gradients(f.baseAddress! + start, y.baseAddress! + start, w.baseAddress! + start,
                                                     g + start, h + start, Int64(rows.count), BoostingLoss.minimumHessian)
                    } else {
                        for i in rows {
                            g[i] = w[i] * (f[i] - y[i])
                            h[i] = w[i]
                        }
                    }
                }
            }
        }
    }

    /// Fills `gradient` and `hessian` (times the row weight) at scores `f`, the logistic and squared-error
    /// losses in `threads` chunks of rows (when there are enough rows to pay for it).
    ///
    /// - Complexity: O(n) (Cox: one pass over the rows pre-sorted by time).
    func gradients(_ f: [Double], gradient: inout [Double], hessian: inout [Double], threads: Int = 1) {
        let n = f.count
        switch loss {
        case .logistic, .squaredError:
            let logistic = loss == .logistic, y = y, weight = weight
            gradient.withUnsafeMutableBufferPointer { g in
                hessian.withUnsafeMutableBufferPointer { h in
                    let g = SendablePointer(g.baseAddress!), h = SendablePointer(h.baseAddress!)
                    TreeParallel.forEachChunk(n, chunks: n < 20_000 ? 1 : threads) { rows in
                        Self.gradients(logistic: logistic, rows, f: f, y: y, w: weight, g: g.pointer, h: h.pointer)
                    }
                }
            }
        case .cox:
            let fMax = f.max() ?? 0
            var e = [Double](repeating: 0, count: n)
            for i in 0..<n { e[i] = exp(f[i] - fMax) }
            // Risk-set sums over tied-time groups, from the latest time backwards.
            var riskSum = [Double](repeating: 0, count: n)
            var running = 0.0
            var k = n - 1
            while k >= 0 {
                var start = k
                while start > 0 && y[timeOrder[start - 1]] == y[timeOrder[k]] { start -= 1 }
                for q in start...k { running += weight[timeOrder[q]] * e[timeOrder[q]] }
                for q in start...k { riskSum[q] = running }
                k = start - 1
            }
            var a = 0.0, b = 0.0
            var q = 0
            while q < n {
                var end = q
                while end + 1 < n && y[timeOrder[end + 1]] == y[timeOrder[q]] { end += 1 }
                var deaths = 0.0
                for r in q...end where event[timeOrder[r]] { deaths += weight[timeOrder[r]] }
                if deaths > 0 { a += deaths / riskSum[q]; b += deaths / (riskSum[q] * riskSum[q]) }
                for r in q...end {
                    let i = timeOrder[r]
                    gradient[i] = weight[i] * (e[i] * a - (event[i] ? 1 : 0))
                    hessian[i] = weight[i] * max(e[i] * a - e[i] * e[i] * b, BoostingLoss.minimumHessian)
                }
                q = end + 1
            }
        }
    }
}

extension BoostingLoss {
    /// The mean loss of scores `f` on `(target, weight)`, used for early stopping: log-loss, mean squared
    /// error, or the Cox negative partial log-likelihood (Breslow) per unit event weight.
    static func validationLoss(_ loss: BoostingLoss, scores f: [Double], target: Target, weight: [Double]) -> Double {
        let total = weight.reduce(0, +)
        switch target {
        case .binary(let y):
            var s = 0.0
            for i in f.indices {
                // log(1 + e^f) − y f, stably.
                let softplus = f[i] > 0 ? f[i] + log1p(exp(-f[i])) : log1p(exp(f[i]))
                s += weight[i] * (softplus - y[i] * f[i])
            }
            return s / total
        case .continuous(let y):
            var s = 0.0
            for i in f.indices { s += weight[i] * (f[i] - y[i]) * (f[i] - y[i]) }
            return s / total
        case .survival(let time, let event):
            let order = time.indices.sorted { time[$0] > time[$1] }
            let fMax = f.max() ?? 0
            var risk = 0.0, s = 0.0, events = 0.0
            var k = 0
            while k < order.count {
                var end = k
                while end + 1 < order.count && time[order[end + 1]] == time[order[k]] { end += 1 }
                for q in k...end { risk += weight[order[q]] * exp(f[order[q]] - fMax) }
                for q in k...end where event[order[q]] {
                    let i = order[q]
                    s -= weight[i] * (f[i] - fMax - log(risk))
                    events += weight[i]
                }
                k = end + 1
            }
            return events > 0 ? s / events : 0
        }
    }
}
