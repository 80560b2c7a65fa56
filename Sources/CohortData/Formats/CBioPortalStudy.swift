/// A cBioPortal study folder read into a ``Cohort``, with the sample bookkeeping the cohort does not
/// hold.
public struct CBioPortalStudy: Sendable {
    /// Patients from `data_clinical_patient.txt`, their attributes (patient attributes, then the
    /// attributes of each patient's chosen sample), OS/PFS outcomes, expression and mutations of the
    /// chosen samples. Blocks are keyed by patient ID.
    public var cohort: Cohort
    /// Every sample of each patient, in sample-file order (patients without samples are absent).
    public var samplesByPatient: [String: [String]]
    /// The one sample chosen per patient (first primary sample, otherwise the first sample).
    public var sampleForPatient: [String: String]
    public var patientAttributes: [CBioPortalAttribute]
    public var sampleAttributes: [CBioPortalAttribute]
}
