import Foundation

/// Reads somatic mutations from a Mutation Annotation Format (MAF) file into ``Mutation`` values.
///
/// Format: GDC MAF specification, https://docs.gdc.cancer.gov/Data/File_Formats/MAF_Format/ (based on
/// the TCGA MAF specification). Tab-separated with a header line; `#` lines (`#version 2.4`) are skipped.
///
/// Columns (matched exactly, then case-insensitively):
/// - required: `Hugo_Symbol`, `Variant_Classification`, `Tumor_Sample_Barcode`;
/// - optional: `Chromosome`, `Start_Position`, `End_Position`, `Reference_Allele`, `Tumor_Seq_Allele2`,
///   `HGVSp_Short`, `t_alt_count`, `t_ref_count`, `t_depth`, and a cancer-cell-fraction column
///   (``Options/cancerCellFractionColumn``, or the first of `ccf`, `ccf_hat`, `cancer_cell_fraction`,
///   `ccf_expected`, `CCF`).
///
/// Derived values: the variant allele fraction is `t_alt_count / t_depth`, or
/// `t_alt_count / (t_alt_count + t_ref_count)` when `t_depth` is absent or missing; the tumour depth is
/// `t_depth`, or `alt + ref`. A depth of 0 gives no VAF.
///
/// Rejected with a ``CohortDataError`` naming file, line and column: an empty file (`emptyFile`), a
/// missing required column (`missingColumn`), duplicate header names (`duplicateID`), rows with a field
/// count other than the header's (`raggedRow`), an empty gene or sample barcode (`invalidValue`), a
/// `Variant_Classification` outside ``standardVariantClassifications`` and
/// ``Options/additionalVariantClassifications`` (`unknownCode`), text in a position, count or CCF
/// column (`nonNumericValue`), `t_alt_count` above the depth or a CCF outside 0…1 (`invalidValue`), the
/// same variant twice for one sample (`duplicateID`: same barcode, chromosome, start, reference and
/// tumour allele), a sample the mapping does not know under ``UnmappedSamples/reject``
/// (`mismatchedIDs`), and a truncated gzip stream (`truncatedCompressedFile`). A header without rows is a
/// valid file with no mutations.
///
/// - Complexity: O(rows × columns) time, O(rows) memory for the mutations.
public enum MAFReader {
    /// The `Variant_Classification` values of the GDC MAF specification (the TCGA set plus the
    /// classes VEP-based pipelines such as vcf2maf emit).
    public static let standardVariantClassifications: [String] = [
        "Frame_Shift_Del", "Frame_Shift_Ins", "In_Frame_Del", "In_Frame_Ins", "Missense_Mutation",
        "Nonsense_Mutation", "Silent", "Splice_Site", "Translation_Start_Site", "Nonstop_Mutation",
        "3'UTR", "3'Flank", "5'UTR", "5'Flank", "IGR", "Intron", "RNA", "Targeted_Region",
        "De_novo_Start_InFrame", "De_novo_Start_OutOfFrame", "Splice_Region", "Unknown",
    ]

    /// Column names recognised as a cancer cell fraction, in order of preference.
    public static let cancerCellFractionColumns = ["ccf", "ccf_hat", "cancer_cell_fraction", "ccf_expected", "CCF"]

    /// What to do with a `Tumor_Sample_Barcode` that the sample → patient mapping does not know.
    public enum UnmappedSamples: Sendable, Hashable {
        /// Throw `mismatchedIDs` naming the line (default: a silently dropped sample looks like a
        /// patient with no mutations).
        case reject
        /// Skip the sample's rows and count them in ``Result/droppedRows``.
        case drop
    }

    public struct Options: Sendable {
        /// Maps a `Tumor_Sample_Barcode` to a patient ID; `nil` = unknown sample. Default: the barcode
        /// is the patient ID.
        public var patientForSample: @Sendable (String) -> String?
        public var unmappedSamples: UnmappedSamples
        /// Samples whose rows are skipped without error (e.g. the samples of a patient that were not
        /// chosen as the patient's sample); counted in ``Result/droppedRows``.
        public var ignoredSamples: Set<String>
        /// Classifications accepted besides ``MAFReader/standardVariantClassifications`` (for
        /// in-house pipelines; each must be spelled exactly).
        public var additionalVariantClassifications: Set<String>
        /// The column holding the cancer cell fraction (0…1); `nil` = look for the usual names.
        public var cancerCellFractionColumn: String?

        public init(patientForSample: @escaping @Sendable (String) -> String? = { $0 },
                    unmappedSamples: UnmappedSamples = .reject, ignoredSamples: Set<String> = [],
                    additionalVariantClassifications: Set<String> = [], cancerCellFractionColumn: String? = nil) {
            self.patientForSample = patientForSample
            self.unmappedSamples = unmappedSamples
            self.ignoredSamples = ignoredSamples
            self.additionalVariantClassifications = additionalVariantClassifications
            self.cancerCellFractionColumn = cancerCellFractionColumn
        }

        /// Options mapping samples through a dictionary (sample barcode → patient ID).
        public static func mapping(_ patientForSample: [String: String], unmappedSamples: UnmappedSamples = .reject,
                                   ignoredSamples: Set<String> = []) -> Options {
            Options(patientForSample: { patientForSample[$0] }, unmappedSamples: unmappedSamples,
                    ignoredSamples: ignoredSamples)
        }
    }

    public struct Result: Sendable, Hashable {
        /// The mutations kept, in file order, with patient IDs from the mapping.
        public var mutations: [Mutation]
        /// Distinct patients with at least one kept row, in order of first appearance.
        public var patientIDs: [String]
        /// Distinct sample barcodes of the kept rows, in order of first appearance.
        public var sampleIDs: [String]
        /// Rows skipped: ignored samples, and unmapped samples under ``UnmappedSamples/drop``.
        public var droppedRows: Int

        /// The rows as a ``MutationBlock``; `sequencedPatientIDs` should list every sequenced patient,
        /// including those without mutations (a MAF cannot tell them apart from unsequenced ones).
        public func block(sequencedPatientIDs: [String]? = nil, panelSizeMb: Double? = nil) -> MutationBlock {
            MutationBlock(mutations: mutations, sequencedPatientIDs: sequencedPatientIDs ?? patientIDs, panelSizeMb: panelSizeMb)
        }
    }

    /// The MAF format as read: tab-separated, `#` comment lines, quoting on.
    public static let format = DelimitedFormat(commentPrefix: UInt8(ascii: "#"))

    /// Reads a MAF file (plain or gzip).
    public static func read(_ url: URL, options: Options = Options()) throws -> Result {
        try read(DelimitedReader(url: url, format: format), options: options)
    }

    /// Reads from an open reader (configure it with ``format``).
    public static func read(_ reader: DelimitedReader, options: Options = Options()) throws -> Result {
        guard try reader.nextLocated() else {
            throw CohortDataError(.emptyFile, file: reader.name, expected: "a MAF header line (Hugo_Symbol, Variant_Classification, Tumor_Sample_Barcode, …)")
        }
        let header = reader.strings().map { String(Substring($0).trimmingASCIIWhitespace()) }
        if let dup = firstDuplicate(header.filter { !$0.isEmpty }) {
            throw reader.error(.duplicateID, column: dup, expected: "unique column names in the MAF header")
        }
        let index = HeaderIndex(header)
        func required(_ name: String) throws -> Int {
            guard let i = index.index(name) else {
                throw reader.error(.missingColumn, column: name, expected: "the required MAF column \"\(name)\" in the header")
            }
            return i
        }
        let geneColumn = try required("Hugo_Symbol")
        let classColumn = try required("Variant_Classification")
        let sampleColumn = try required("Tumor_Sample_Barcode")
        let chromosomeColumn = index.index("Chromosome")
        let startColumn = index.index("Start_Position")
        let endColumn = index.index("End_Position")
        let refColumn = index.index("Reference_Allele")
        let altColumn = index.index("Tumor_Seq_Allele2")
        let proteinColumn = index.index("HGVSp_Short")
        let altCountColumn = index.index("t_alt_count")
        let refCountColumn = index.index("t_ref_count")
        let depthColumn = index.index("t_depth")
        let ccfColumn: Int?
        if let name = options.cancerCellFractionColumn {
            ccfColumn = try required(name)
        } else {
            ccfColumn = index.index(anyOf: cancerCellFractionColumns)
        }
        let allowed = Set(standardVariantClassifications).union(options.additionalVariantClassifications)

        var mutations: [Mutation] = []
        var patients: [String] = []
        var knownPatients = Set<String>()
        var samples: [String] = []
        var knownSamples: [String: String] = [:]   // barcode → patient
        var variantLine: [String: Int] = [:]
        var dropped = 0

        func optionalText(_ column: Int?) -> String? {
            guard let column, !reader.isMissing(column) else { return nil }
            return reader.trimmed(column)
        }
        func optionalInteger(_ column: Int?) throws -> Int? {
            guard let column else { return nil }
            return try reader.integer(column, column: header[column], allowMissing: true)
        }

        while try reader.nextLocated() {
            guard reader.fieldCount == header.count else {
                throw reader.error(.raggedRow, expected: "\(header.count) fields as in the header, found \(reader.fieldCount)")
            }
            let sample = reader.trimmed(sampleColumn)
            guard !sample.isEmpty, !reader.isMissing(sampleColumn) else {
                throw reader.error(.invalidValue, column: header[sampleColumn], expected: "a tumour sample barcode")
            }
            if options.ignoredSamples.contains(sample) { dropped += 1; continue }
            let patient: String
            if let known = knownSamples[sample] {
                patient = known
            } else if let mapped = options.patientForSample(sample) {
                patient = mapped
                knownSamples[sample] = mapped
                samples.append(sample)
            } else {
                switch options.unmappedSamples {
                case .drop:
                    dropped += 1
                    continue
                case .reject:
                    throw reader.error(.mismatchedIDs, column: header[sampleColumn],
                                       expected: "a sample barcode known to the sample-to-patient mapping", value: sample)
                }
            }
            let gene = reader.trimmed(geneColumn)
            guard !gene.isEmpty, !reader.isMissing(geneColumn) else {
                throw reader.error(.invalidValue, column: header[geneColumn], expected: "a gene symbol (use \"Unknown\" for intergenic variants)")
            }
            let classification = reader.trimmed(classColumn)
            guard allowed.contains(classification) else {
                throw reader.error(.unknownCode, column: header[classColumn],
                                   expected: "one of the GDC MAF variant classifications (\(standardVariantClassifications.joined(separator: ", ")))",
                                   value: classification)
            }
            let start = try optionalInteger(startColumn)
            let end = try optionalInteger(endColumn)
            let altCount = try optionalInteger(altCountColumn)
            let refCount = try optionalInteger(refCountColumn)
            let depthField = try optionalInteger(depthColumn)
            let depth = depthField ?? (altCount != nil && refCount != nil ? altCount! + refCount! : nil)
            var vaf: Double?
            if let altCount, let depth {
                guard altCount <= depth else {
                    throw reader.error(.invalidValue, column: header[altCountColumn!],
                                       expected: "t_alt_count no larger than the tumour depth (\(depthField != nil ? "t_depth" : "t_alt_count + t_ref_count"))",
                                       value: String(altCount))
                }
                if depth > 0 { vaf = Double(altCount) / Double(depth) }
            }
            var ccf: Double?
            if let ccfColumn {
                ccf = try reader.double(ccfColumn, column: header[ccfColumn])
                if let value = ccf, !(0...1).contains(value) {
                    throw reader.error(.invalidValue, column: header[ccfColumn],
                                       expected: "a cancer cell fraction between 0 and 1", value: reader.string(ccfColumn))
                }
            }
            let chromosome = optionalText(chromosomeColumn)
            let reference = optionalText(refColumn)
            let tumorAllele = optionalText(altColumn)
            if let chromosome, let start, let reference, let tumorAllele {
                let key = "\(sample)\u{1}\(chromosome)\u{1}\(start)\u{1}\(reference)\u{1}\(tumorAllele)"
                if let first = variantLine[key] {
                    throw reader.error(.duplicateID, column: header[sampleColumn],
                                       expected: "each variant once per sample (the same sample, chromosome, start and alleles appear on line \(first))")
                }
                variantLine[key] = reader.lineNumber
            }
            if knownPatients.insert(patient).inserted { patients.append(patient) }
            mutations.append(Mutation(
                patientID: patient, gene: gene, variantClassification: classification, chromosome: chromosome,
                startPosition: start, endPosition: end, referenceAllele: reference, tumorAllele: tumorAllele,
                proteinChange: optionalText(proteinColumn), variantAlleleFraction: vaf, tumorDepth: depth,
                cancerCellFraction: ccf))
        }
        return Result(mutations: mutations, patientIDs: patients, sampleIDs: samples, droppedRows: dropped)
    }
}
