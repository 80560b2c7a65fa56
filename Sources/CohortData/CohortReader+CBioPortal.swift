import Foundation

extension CohortReader {
    /// cBioPortal study folders are read by the cBioPortal study reader (Formats/).
    static func readCBioPortal(_ folder: URL, name: String) throws -> Cohort {
        throw CohortDataError(.unsupportedLayout, file: folder.path, expected: "cBioPortal support (not yet wired)")
    }
}
