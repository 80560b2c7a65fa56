import Learning

/// The observed outcome of a treatment-effect analysis, one entry per patient: Learning's ``Target``.
/// A binary response gives risk differences, a continuous outcome differences in means, and a right-censored
/// survival outcome differences in restricted mean survival time or in survival probability.
public typealias TreatmentOutcome = Target

extension Target {
    var isSurvival: Bool { if case .survival = self { true } else { false } }
}
