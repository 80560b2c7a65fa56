import CohortData

/// The four treatment strategies the simulator assigns, and the ``DrugClass`` each is recorded as.
///
/// Chemotherapy is the reference arm: treatment effects are contrasts against it.
public enum TreatmentArm: String, Sendable, Hashable, Codable, CaseIterable, CodingKeyRepresentable {
    /// Anti-PD-1/PD-L1 monotherapy (``DrugClass/antiPD1PDL1``).
    case antiPD1PDL1 = "anti_pd1_pdl1"
    /// Anti-PD-1 plus anti-CTLA-4 (``DrugClass/iciCombination``).
    case iciCombination = "ici_combination"
    /// Chemotherapy without a checkpoint inhibitor (``DrugClass/chemotherapy``), the reference arm.
    case chemotherapy
    /// A checkpoint inhibitor plus chemotherapy (``DrugClass/iciChemotherapy``).
    case iciChemotherapy = "ici_chemotherapy"

    /// Position in ``allCases``.
    public var ordinal: Int {
        switch self {
        case .antiPD1PDL1: 0
        case .iciCombination: 1
        case .chemotherapy: 2
        case .iciChemotherapy: 3
        }
    }

    /// The drug class written to the cohort's treatment table.
    public var drugClass: DrugClass {
        switch self {
        case .antiPD1PDL1: .antiPD1PDL1
        case .iciCombination: .iciCombination
        case .chemotherapy: .chemotherapy
        case .iciChemotherapy: .iciChemotherapy
        }
    }

    /// Whether the arm contains a checkpoint inhibitor.
    public var isICI: Bool { self != .chemotherapy }

    /// The ICI arms, in order: monotherapy, combination, ICI + chemotherapy.
    public static let iciArms: [TreatmentArm] = [.antiPD1PDL1, .iciCombination, .iciChemotherapy]
}

/// One number per ``TreatmentArm``: response rates, hazard ratios, propensities, potential outcomes.
///
/// A fixed-size value (no heap allocation), so that per-patient truth for 100,000 patients stays
/// cheap. Encoded in JSON as an object keyed by the arm's raw value.
public struct ArmValues: Sendable, Hashable, Codable {
    public var antiPD1PDL1: Double
    public var iciCombination: Double
    public var chemotherapy: Double
    public var iciChemotherapy: Double

    public init(antiPD1PDL1: Double, iciCombination: Double, chemotherapy: Double, iciChemotherapy: Double) {
        self.antiPD1PDL1 = antiPD1PDL1
        self.iciCombination = iciCombination
        self.chemotherapy = chemotherapy
        self.iciChemotherapy = iciChemotherapy
    }

    /// The same value for every arm.
    public init(repeating value: Double) {
        self.init(antiPD1PDL1: value, iciCombination: value, chemotherapy: value, iciChemotherapy: value)
    }

    /// Builds the values by calling `value` once per arm, in ``TreatmentArm/allCases`` order.
    @inlinable
    public init(_ value: (TreatmentArm) -> Double) {
        self.init(
            antiPD1PDL1: value(.antiPD1PDL1), iciCombination: value(.iciCombination),
            chemotherapy: value(.chemotherapy), iciChemotherapy: value(.iciChemotherapy))
    }

    @inlinable
    public subscript(arm: TreatmentArm) -> Double {
        get {
            switch arm {
            case .antiPD1PDL1: antiPD1PDL1
            case .iciCombination: iciCombination
            case .chemotherapy: chemotherapy
            case .iciChemotherapy: iciChemotherapy
            }
        }
        set {
            switch arm {
            case .antiPD1PDL1: antiPD1PDL1 = newValue
            case .iciCombination: iciCombination = newValue
            case .chemotherapy: chemotherapy = newValue
            case .iciChemotherapy: iciChemotherapy = newValue
            }
        }
    }

    /// The values in ``TreatmentArm/allCases`` order.
    public var values: [Double] { TreatmentArm.allCases.map { self[$0] } }

    /// `self[arm] − self[.chemotherapy]`: the contrast against the reference arm.
    @inlinable
    public func contrast(_ arm: TreatmentArm) -> Double { self[arm] - chemotherapy }

    private enum CodingKeys: String, CodingKey {
        case antiPD1PDL1 = "anti_pd1_pdl1"
        case iciCombination = "ici_combination"
        case chemotherapy
        case iciChemotherapy = "ici_chemotherapy"
    }
}
