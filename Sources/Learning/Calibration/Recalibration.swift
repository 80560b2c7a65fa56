import Foundation

/// Updating a binary model's probabilities at a new site, from local outcomes (Steyerberg 2019,
/// Clinical Prediction Models, ch. 20; Van Calster et al. 2019 BMC Med 17:230):
///
/// - **intercept**: `logit p' = logit p + a` — corrects calibration-in-the-large (a different
///   baseline response rate) and keeps the ranking and the slope;
/// - **logistic**: `logit p' = a + b · logit p` — also corrects over- or under-confidence (slope b);
/// - **isotonic**: a monotone step function of p (``IsotonicCalibration``) — the most flexible; needs
///   the most local data.
///
/// Intercept and logistic recalibration are maximum-likelihood fits by Newton's method (unweighted,
/// no target smoothing), to a gradient below 1e-10.
public enum Recalibration: Sendable, Hashable, Codable {
    case intercept(a: Double)
    case logistic(a: Double, b: Double)
    case isotonic(IsotonicCalibration)

    public enum Method: String, Sendable, Hashable, Codable, CaseIterable { case intercept, logistic, isotonic }

    /// Fits `method` on local predicted probabilities and 0/1 outcomes.
    public static func fit(_ method: Method, probabilities: [Double], labels: [Double]) throws -> Recalibration {
        precondition(probabilities.count == labels.count, "one label per prediction")
        let positives = labels.filter { $0 == 1 }.count
        guard positives > 0, positives < labels.count else {
            throw EstimatorError.invalidData("recalibration needs both outcomes among the local patients")
        }
        let x = probabilities.map(clippedLogit)
        switch method {
        case .isotonic:
            return .isotonic(try IsotonicCalibration.fit(scores: probabilities, labels: labels))
        case .intercept:
            var a = 0.0
            for _ in 0..<100 {
                var g = 0.0, h = 0.0
                for i in x.indices {
                    let p = 1 / (1 + exp(-(x[i] + a)))
                    g += labels[i] - p
                    h += p * (1 - p)
                }
                let step = g / max(h, 1e-300)
                a += step
                if abs(g) < 1e-10 { break }
            }
            return .intercept(a: a)
        case .logistic:
            var a = 0.0, b = 1.0
            func loss(_ a: Double, _ b: Double) -> Double {
                x.indices.reduce(0) { total, i in
                    let z = a + b * x[i]
                    let softplus = z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))
                    return total + softplus - labels[i] * z
                }
            }
            var value = loss(a, b)
            for _ in 0..<100 {
                var ga = 0.0, gb = 0.0, haa = 0.0, hab = 0.0, hbb = 0.0
                for i in x.indices {
                    let p = 1 / (1 + exp(-(a + b * x[i])))
                    let r = labels[i] - p, w = p * (1 - p)
                    ga += r; gb += r * x[i]
                    haa += w; hab += w * x[i]; hbb += w * x[i] * x[i]
                }
                if (ga * ga + gb * gb).squareRoot() < 1e-10 { break }
                let det = haa * hbb - hab * hab
                guard det > 0 else { break }
                let da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det
                var step = 1.0
                while step > 1e-8 {
                    let candidate = loss(a + step * da, b + step * db)
                    if candidate <= value { a += step * da; b += step * db; value = candidate; break }
                    step /= 2
                }
                if step <= 1e-8 { break }
            }
            return .logistic(a: a, b: b)
        }
    }

    /// The recalibrated probability.
    public func apply(_ p: Double) -> Double {
        switch self {
        case .intercept(let a): 1 / (1 + exp(-(clippedLogit(p) + a)))
        case .logistic(let a, let b): 1 / (1 + exp(-(a + b * clippedLogit(p))))
        case .isotonic(let c): c.probability(p)
        }
    }

    public var method: Method {
        switch self {
        case .intercept: .intercept
        case .logistic: .logistic
        case .isotonic: .isotonic
        }
    }
}
