import Foundation

/// One patient's two-compartment PK parameters (units: L, L/day, days).
///
/// The model: dA₁/dt = R(t) − (CL(t)/V₁)A₁ − (Q/V₁)A₁ + (Q/V₂)A₂, dA₂/dt = (Q/V₁)A₁ − (Q/V₂)A₂, with the
/// serum concentration C = A₁/V₁ (mg/L = µg/mL) and R(t) the zero-order infusion rate (mg/day).
public struct IndividualPKParameters: Codable, Sendable, Hashable {
    /// Baseline clearance CL (L/day).
    public var clearance: Double
    /// Central volume V₁ (L).
    public var centralVolume: Double
    /// Inter-compartmental clearance Q (L/day).
    public var intercompartmentalClearance: Double
    /// Peripheral volume V₂ (L).
    public var peripheralVolume: Double
    /// When set, CL(t) = CL · exp(Emax · t^γ / (T50^γ + t^γ)) with t the time since the first dose.
    public var timeVaryingClearance: TimeVaryingClearance?

    public init(clearance: Double, centralVolume: Double, intercompartmentalClearance: Double, peripheralVolume: Double,
                timeVaryingClearance: TimeVaryingClearance? = nil) {
        self.clearance = clearance
        self.centralVolume = centralVolume
        self.intercompartmentalClearance = intercompartmentalClearance
        self.peripheralVolume = peripheralVolume
        self.timeVaryingClearance = timeVaryingClearance
    }

    /// CL at time `t` (days since the first dose).
    @inlinable
    public func clearance(at t: Double) -> Double {
        guard let tv = timeVaryingClearance else { return clearance }
        return clearance * tv.factor(at: t)
    }

    /// Throws unless every parameter is finite and > 0.
    public func validate() throws {
        for (name, value) in [("clearance", clearance), ("centralVolume", centralVolume),
                              ("intercompartmentalClearance", intercompartmentalClearance), ("peripheralVolume", peripheralVolume)] {
            guard value.isFinite, value > 0 else {
                throw DosingError.invalidConfiguration(parameter: name, message: "\(value) must be finite and > 0")
            }
        }
        if let tv = timeVaryingClearance { try tv.validate() }
    }
}

/// Sigmoid-Emax change of clearance with time on treatment, as in Bajaj et al. 2017 (nivolumab) and
/// Li et al. 2017 (pembrolizumab): CL(t) = CL₀ · exp(Emax · t^γ / (T50^γ + t^γ)).
///
/// `maximumLogChange` (Emax) < 0 is a decrease (Emax = −0.295: CL falls to e^−0.295 = 74.5 % of baseline).
public struct TimeVaryingClearance: Codable, Sendable, Hashable {
    /// Emax, the maximal change of log CL; valid −3…3.
    public var maximumLogChange: Double
    /// T50 (days), the time of half the change; valid > 0.
    public var halfChangeDays: Double
    /// γ, the Hill coefficient; valid 0.1…20.
    public var hill: Double

    public init(maximumLogChange: Double, halfChangeDays: Double, hill: Double) {
        self.maximumLogChange = maximumLogChange
        self.halfChangeDays = halfChangeDays
        self.hill = hill
    }

    /// exp(Emax · t^γ / (T50^γ + t^γ)); 1 at t ≤ 0.
    @inlinable
    public func factor(at t: Double) -> Double {
        guard t > 0 else { return 1 }
        let x = t / halfChangeDays
        let r: Double
        switch hill {
        case 1: r = x
        case 2: r = x * x
        case 3: r = x * x * x
        case 4: r = (x * x) * (x * x)
        default: r = pow(x, hill)
        }
        return exp(maximumLogChange * r / (1 + r))
    }

    public func validate() throws {
        guard maximumLogChange.isFinite, abs(maximumLogChange) <= 3 else {
            throw DosingError.invalidConfiguration(parameter: "maximumLogChange", message: "\(maximumLogChange) is outside -3...3")
        }
        guard halfChangeDays.isFinite, halfChangeDays > 0 else {
            throw DosingError.invalidConfiguration(parameter: "halfChangeDays", message: "\(halfChangeDays) must be finite and > 0")
        }
        guard hill.isFinite, hill >= 0.1, hill <= 20 else {
            throw DosingError.invalidConfiguration(parameter: "hill", message: "\(hill) is outside 0.1...20")
        }
    }
}
