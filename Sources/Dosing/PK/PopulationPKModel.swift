import Foundation

/// A published population PK model of a checkpoint inhibitor: covariate model, between-subject
/// variability and the source. Conforming types are in their own files (``PembrolizumabModel``,
/// ``NivolumabModel``, ``AtezolizumabModel``).
public protocol PopulationPKModel: Sendable {
    /// The drug.
    var drug: CheckpointInhibitor { get }
    /// The publication the parameters come from.
    var citation: String { get }
    /// Between-subject variability (η ~ N(0, Ω)).
    var randomEffects: RandomEffects { get }
    /// The individual parameters for `covariates` and random effects `eta` (η = 0: the typical patient).
    func parameters(for covariates: PatientCovariates, eta: [Double]) -> IndividualPKParameters
}

extension PopulationPKModel {
    /// The typical patient's parameters (η = 0).
    public func typicalParameters(for covariates: PatientCovariates = .reference) -> IndividualPKParameters {
        parameters(for: covariates, eta: randomEffects.zero)
    }
}

/// The checkpoint inhibitors with a built-in population PK model.
public enum CheckpointInhibitor: String, Codable, Sendable, CaseIterable {
    case pembrolizumab, nivolumab, atezolizumab

    /// The default model: Ahamadi 2017 (pembrolizumab), Bajaj 2017 (nivolumab), Stroh 2017 (atezolizumab).
    public var defaultModel: any PopulationPKModel {
        switch self {
        case .pembrolizumab: PembrolizumabModel()
        case .nivolumab: NivolumabModel()
        case .atezolizumab: AtezolizumabModel()
        }
    }

    /// The default receptor-occupancy model (see ``ReceptorOccupancy`` for the sources).
    public var defaultOccupancy: ReceptorOccupancy {
        switch self {
        case .pembrolizumab: .pembrolizumab
        case .nivolumab: .nivolumab
        case .atezolizumab: .atezolizumab
        }
    }

    /// The target (protein the antibody binds).
    public var target: String { self == .atezolizumab ? "PD-L1" : "PD-1" }
}
