import ArgumentParser
import Foundation
import ImmunoKit

struct TMBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tmb",
        abstract: "Tumour mutational burden (mutations per Mb), clonal TMB and per-gene mutation flags from a MAF file.",
        discussion: """
            Counts, per sample (Tumor_Sample_Barcode), the mutations of the counted classes (default: the
            non-synonymous classes) with VAF ≥ --min-vaf (default 0.05) and depth ≥ --min-depth
            (default 10); mutations without read counts are kept unless --drop-unknown. TMB = count /
            panel size (Mb), from --panel-size or from the merged intervals of --panel-bed. Clonal TMB
            counts mutations with a cancer cell fraction ≥ --clonal-ccf (default 0.9) when the MAF has a
            CCF column. Only samples with at least one MAF row are listed (a MAF cannot show sequenced
            samples without mutations).

            Examples:
              immunokit tmb data_mutations.maf --panel-size 1.22 --out tmb.tsv
              immunokit tmb tumour.maf --panel-bed impact468.bed --genes STK11,KEAP1,B2M --out tmb.tsv --json
              immunokit tmb cohort/mutations.tsv --panel-size 38 --cohort cohort --append-to-cohort cohort_tmb --out tmb.tsv
            """
    )

    @Argument(help: "A MAF file (tab-separated, optionally gzip).")
    var maf: String

    @Option(help: "Sequenced territory in megabases (e.g. 1.22 for MSK-IMPACT 468, ≈ 30–38 for an exome).")
    var panelSize: Double?

    @Option(help: "A BED file of the panel; its merged intervals give the territory.")
    var panelBed: String?

    @Option(help: "Minimum variant allele fraction (0…1; default 0.05).")
    var minVaf: Double = 0.05

    @Option(help: "Minimum tumour read depth (default 10).")
    var minDepth: Int = 10

    @Flag(help: "Exclude mutations whose VAF or depth is unknown (kept by default).")
    var dropUnknown = false

    @Option(help: "Comma-separated variant classifications to count (default: the non-synonymous classes).")
    var classes: String?

    @Option(help: "Cancer cell fraction at or above which a mutation is clonal (0…1; default 0.9).")
    var clonalCcf: Double = 0.9

    @Option(help: "Comma-separated genes to flag as binary mut_<GENE> columns (default STK11,KEAP1,B2M,JAK1,JAK2,PTEN,POLE).")
    var genes: String?

    @Option(help: "Output table (TSV).")
    var out: String

    @Option(help: "A cohort folder whose patients the MAF samples belong to (for --append-to-cohort).")
    var cohort: String?

    @Option(help: "Write a copy of --cohort with tmb_per_mb, tmb_mutations, clonal TMB and mut_<GENE> columns.")
    var appendToCohort: String?

    @Flag(help: "Include offending values in error messages.")
    var showValues = false

    @Flag(help: "Write the result as JSON to standard output.")
    var json = false

    @OptionGroup var output: OutputOptions

    var configurationValue: TumorMutationalBurden.Configuration {
        var c = TumorMutationalBurden.Configuration(minimumVAF: minVaf, minimumDepth: minDepth, keepUnknown: !dropUnknown, clonalCCF: clonalCcf)
        if let classes {
            c.countedClassifications = Set(classes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        return c
    }

    var geneList: [String] {
        genes.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } } ?? GeneMutationFlags.defaultGenes
    }

    func validate() throws {
        switch (panelSize, panelBed) {
        case (nil, nil): throw ValidationError("give the sequenced territory: --panel-size MB or --panel-bed FILE")
        case (.some, .some): throw ValidationError("give either --panel-size or --panel-bed, not both")
        case (.some(let size), nil) where !(size.isFinite && size > 0):
            throw ValidationError("--panel-size must be a positive number of megabases (got \(size)); MSK-IMPACT 468 is 1.22")
        default: break
        }
        if let problem = configurationValue.problems().first { throw ValidationError(problem) }
        if (cohort == nil) != (appendToCohort == nil) {
            throw ValidationError("--cohort and --append-to-cohort go together")
        }
        let unknown = configurationValue.countedClassifications.subtracting(MAFReader.standardVariantClassifications)
        if !unknown.isEmpty {
            throw ValidationError("unknown variant classification(s) in --classes: \(unknown.sorted().joined(separator: ", "))")
        }
    }

    func run() throws {
        output.apply()
        try reportingErrors(showValues: showValues) {
            if let target = appendToCohort, FileManager.default.fileExists(atPath: target) {
                throw UsageError(message: "--append-to-cohort folder already exists: \(target)")
            }
            guard FileManager.default.fileExists(atPath: maf) else { throw UsageError(message: "MAF not found: \(maf)") }
            let size: Double
            if let panelBed {
                guard FileManager.default.fileExists(atPath: panelBed) else { throw UsageError(message: "BED file not found: \(panelBed)") }
                size = try PanelBED.read(URL(fileURLWithPath: panelBed)).territoryMb
                guard size > 0 else {
                    throw CohortDataError(.invalidValue, file: panelBed, expected: "intervals with a positive total length")
                }
                Terminal.progress("panel territory \(size) Mb from \(panelBed)")
            } else {
                size = panelSize!
            }
            let baseCohort = try cohort.map { path -> Cohort in
                guard FileManager.default.fileExists(atPath: path) else { throw UsageError(message: "cohort not found: \(path)") }
                return try CohortReader.read(URL(fileURLWithPath: path))
            }
            var options = MAFReader.Options()
            if let baseCohort {
                let known = Set(baseCohort.patientIDs)
                options = MAFReader.Options(patientForSample: { known.contains($0) ? $0 : nil }, unmappedSamples: .reject)
            }
            let read = try MAFReader.read(URL(fileURLWithPath: maf), options: options)
            let block = read.block(panelSizeMb: size)
            let configuration = configurationValue
            let result = TumorMutationalBurden.compute(block, panelSizeMb: size, configuration: configuration)
            let genes = geneList
            let flags = GeneMutationFlags.compute(block, genes: genes, configuration: configuration)

            var table = result.table()
            table.columns += genes.map(GeneMutationFlags.columnName)
            for (i, p) in result.patients.enumerated() {
                table.rows[i] += flags[p.patientID]!.map { $0 ? "1" : "0" }
            }
            var cohortCopy: Cohort?
            if let baseCohort {
                cohortCopy = try baseCohort.addingBiomarkerColumns(
                    result.clinicalColumns(for: baseCohort.patientIDs)
                        + GeneMutationFlags.clinicalColumns(block, genes: genes, configuration: configuration, for: baseCohort.patientIDs))
            }
            try table.writeTSV(to: URL(fileURLWithPath: out))
            if let target = appendToCohort, let cohortCopy {
                try CohortLayout.write(cohortCopy, to: URL(fileURLWithPath: target))
            }
            Terminal.progress("\(result.patients.count) samples; \(result.excludedByClassification) rows of uncounted classes, \(result.excludedByQuality) below the VAF/depth filters")
            if json {
                struct Document: Encodable {
                    var panelSizeMb: Double
                    var minimumVaf: Double
                    var minimumDepth: Int
                    var keepUnknown: Bool
                    var countedClassifications: [String]
                    var patients: [TumorMutationalBurden.PatientBurden]
                    var geneFlags: [String: [String: Bool]]
                }
                let document = Document(
                    panelSizeMb: size, minimumVaf: configuration.minimumVAF, minimumDepth: configuration.minimumDepth,
                    keepUnknown: configuration.keepUnknown, countedClassifications: configuration.countedClassifications.sorted(),
                    patients: result.patients,
                    geneFlags: flags.mapValues { values in Dictionary(uniqueKeysWithValues: zip(genes, values)) })
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                encoder.keyEncodingStrategy = .convertToSnakeCase
                Terminal.output(String(decoding: try encoder.encode(document), as: UTF8.self) + "\n")
            } else {
                Terminal.progress("wrote \(out)")
            }
        }
    }
}
