import Foundation

extension CohortReader {
    /// A cBioPortal study folder, through ``CBioPortalStudyReader``.
    static func readCBioPortal(_ folder: URL, name: String) throws -> Cohort {
        var cohort = try CBioPortalStudyReader.read(folder, options: .init(name: name)).cohort
        cohort.provenance["layout"] = "cbioportal"
        return cohort
    }
}
