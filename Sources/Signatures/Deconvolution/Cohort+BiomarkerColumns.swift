import CohortData

extension Cohort {
    /// A copy with `columns` added to the clinical table; a column whose name already exists is
    /// replaced when `replacing` is true (default), otherwise the call throws.
    ///
    /// - Throws: `CohortDataError` (`duplicateID`) for a name clash without `replacing`, or when the
    ///   columns are not aligned to the cohort's patients (`mismatchedIDs`).
    public func addingBiomarkerColumns(_ columns: [ClinicalColumn], replacing: Bool = true) throws -> Cohort {
        var copy = self
        for column in columns {
            guard column.count == patientCount else {
                throw CohortDataError(.mismatchedIDs, column: column.name,
                                      expected: "one value per patient (\(patientCount)), found \(column.count)")
            }
            if let existing = copy.clinical.firstIndex(where: { $0.name == column.name }) {
                guard replacing else {
                    throw CohortDataError(.duplicateID, column: column.name, expected: "a clinical column name not already in the cohort")
                }
                copy.clinical[existing] = column
            } else {
                copy.clinical.append(column)
            }
        }
        return copy
    }
}
