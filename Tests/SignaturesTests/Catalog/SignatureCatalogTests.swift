import Foundation
import Testing
import TestSupport
import CohortData
@testable import Signatures

@Suite("Signature catalog")
struct SignatureCatalogTests {
    @Test("The bundled catalog loads, validates and holds the required signatures with citations")
    func builtIn() throws {
        let catalog = try SignatureCatalog.builtIn()
        let required = ["CYT", "IFNG_6", "Expanded_immune_18", "GEP_18", "IMPRES", "TIDE_dysfunction", "TIDE_exclusion",
                        "TLS", "Chemokine_12", "Davoli_IS", "Roh_IS", "CD8_Teff", "Pan_F_TBRS", "EMT_Mariathasan",
                        "ESTIMATE_stromal", "ESTIMATE_immune", "ESTIMATE_score", "ESTIMATE_purity", "MCP_T_cells",
                        "MCP_Fibroblasts", "TMEscore", "PredictIO"]
        for name in required { #expect(catalog.signature(named: name) != nil, "missing \(name)") }
        #expect(catalog.signatures.count >= required.count + 10)
        for s in catalog.signatures {
            #expect(!s.citation.pmid.isEmpty && s.citation.pmid.allSatisfy(\.isNumber), "\(s.name) PMID")
            #expect(s.citation.doi.hasPrefix("10."), "\(s.name) DOI")
            #expect(!s.source.isEmpty, "\(s.name) source")
        }
        #expect(catalog.signature(named: "cyt")?.name == "CYT")
        #expect(catalog.signature(named: "pan-F-TBRS")?.name == "Pan_F_TBRS")
        #expect(catalog.signature(named: "ESTIMATE_stromal")?.genes.up.count == 141)
        #expect(catalog.signature(named: "ESTIMATE_immune")?.genes.up.count == 141)
        #expect(catalog.signature(named: "PredictIO").map { $0.genes.up.count + $0.genes.down.count } == 100)
    }

    @Test("Catalog lists agree with the other modules' copies (ESTIMATE, MCP-counter)")
    func consistentWithDeconvolution() throws {
        let catalog = try SignatureCatalog.builtIn()
        #expect(catalog.signature(named: "ESTIMATE_stromal")?.genes.up == ESTIMATEGeneSets.stromal)
        #expect(catalog.signature(named: "ESTIMATE_immune")?.genes.up == ESTIMATEGeneSets.immune)
        for population in MCPCounter.populations {
            let name = "MCP_" + population.replacingOccurrences(of: " ", with: "_")
            #expect(catalog.signature(named: name)?.genes.up == MCPCounter.markers[population], "\(name)")
        }
    }

    @Test("Invalid catalogs are rejected with the signature named")
    func invalid() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let bad = """
            {"format": "immunokit-signature-catalog", "version": 1, "signatures": [
              {"name": "W", "aliases": [], "description": "", "citation": {"reference": "x", "pmid": "1", "doi": "10.1/x"},
               "source": "x", "genes": {"up": ["A"], "down": []}, "method": "weighted", "expected_unit": "log2_tpm",
               "direction": "positive", "context": ""}]}
            """
        let url = try dir.write("bad.json", bad)
        #expect { try SignatureCatalog.load(url) } throws: { ($0 as? CohortDataError)?.description.contains("weights") == true }
        let wrongFormat = try dir.write("v2.json", #"{"format": "other", "version": 2, "signatures": []}"#)
        #expect(throws: CohortDataError.self) { try SignatureCatalog.load(wrongFormat) }
    }
}

/// Cross-checks the catalog's gene lists (written from the publications) against the signature files
/// collected in `../shared/data/signatures` (other packages' transcriptions), reporting the overlap
/// and bounding it below.
@Suite("Catalog cross-check with ../shared/data/signatures", .enabled(if: SharedData.shouldRun("signatures")))
struct CatalogCrossCheckTests {
    /// Renamings between the published (older) symbols and the current ones.
    static let renamed = ["CTGF": "CCN2", "FAM101B": "RFLNB", "C10orf54": "VSIR", "C14orf102": "NRDE2"]

    static func normalise(_ genes: [String]) -> Set<String> {
        Set(genes.map { renamed[$0] ?? $0 })
    }

    /// Genes of a signature from a long CSV (`signature,gene[,…]`, quoted).
    static func long(_ path: String, _ signature: String, signatureColumn: Int = 0, geneColumn: Int = 1) throws -> [String] {
        let text = try String(contentsOf: try SharedData.require(path), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().compactMap { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" \u{FEFF}")) }
            return f.count > max(signatureColumn, geneColumn) && f[signatureColumn] == signature ? f[geneColumn] : nil
        }
    }

    /// Genes of a one-signature file of the PredictIO collection (header, then one gene per line, `;coef` optional).
    static func single(_ path: String) throws -> [String] {
        let text = try String(contentsOf: try SharedData.require(path), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().compactMap { line in
            let gene = line.split(separator: ";").first.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" \u{FEFF}")) }
            return gene?.isEmpty == false ? gene : nil
        }
    }

    struct Check: Sendable, CustomStringConvertible {
        var signature: String
        var file: String
        var load: @Sendable () throws -> [String]
        /// Lower bound on |ours ∩ theirs| / |ours ∪ theirs|.
        var minimumJaccard: Double
        var description: String { "\(signature) vs \(file)" }
    }

    static let checks: [Check] = {
        let easier = "signatures/easier_signature_genes/easier_signature_genes_long.csv"
        let imvigor = "signatures/imvigor210_mariathasan2018/human_gene_signatures_long.csv"
        let iobr = "signatures/iobrpy_0.2.1/iobr_signature_collections_long.csv"
        let bhk = "signatures/bhklab_predictio_signatures/"
        return [
            Check(signature: "CYT", file: "easier CYT", load: { try long(easier, "CYT") }, minimumJaccard: 1),
            Check(signature: "IFNG_6", file: "easier IFNy", load: { try long(easier, "IFNy") }, minimumJaccard: 1),
            Check(signature: "Expanded_immune_18", file: "easier Ayers_expIS", load: { try long(easier, "Ayers_expIS") }, minimumJaccard: 1),
            Check(signature: "GEP_18", file: "easier GEP", load: { try long(easier, "Tcell_inflamed_GEP_Cristescu2018") }, minimumJaccard: 1),
            Check(signature: "TLS", file: "easier TLS", load: { try long(easier, "TLS") }, minimumJaccard: 1),
            Check(signature: "Chemokine_12", file: "easier chemokines", load: { try long(easier, "chemokines") }, minimumJaccard: 1),
            Check(signature: "Davoli_IS", file: "easier Davoli_IS", load: { try long(easier, "Davoli_IS") }, minimumJaccard: 1),
            Check(signature: "Roh_IS", file: "easier Roh_IS", load: { try long(easier, "Roh_IS") }, minimumJaccard: 1),
            Check(signature: "CD8_Teff", file: "IMvigor210 CD 8 T effector", load: { try long(imvigor, "CD 8 T effector") }, minimumJaccard: 1),
            Check(signature: "Pan_F_TBRS", file: "IMvigor210 gene19", load: { try long(imvigor, "gene19") }, minimumJaccard: 1),
            Check(signature: "EMT_Mariathasan", file: "IMvigor210 EMT1", load: { try long(imvigor, "EMT1") }, minimumJaccard: 1),
            Check(signature: "TMEscore_A", file: "IOBR TMEscoreA_CIR", load: { try long(iobr, "TMEscoreA_CIR", signatureColumn: 1, geneColumn: 2) }, minimumJaccard: 1),
            Check(signature: "TMEscore_B", file: "IOBR TMEscoreB_CIR", load: { try long(iobr, "TMEscoreB_CIR", signatureColumn: 1, geneColumn: 2) }, minimumJaccard: 1),
            // PredictIO's "CD8_Jiang" is CD8A/B + CD3D/E/G; TIDE's CTL level (TIDEpy: Entrez 925, 926, 3001, 3002,
            // 5551) is CD8A, CD8B, GZMA, GZMB, PRF1, as in the catalog. Known difference: CD8A and CD8B shared.
            Check(signature: "CTL_Jiang", file: "PredictIO CD8_Jiang", load: { try single(bhk + "CD8_Jiang.csv") }, minimumJaccard: 0.25),
            Check(signature: "TIS", file: "PredictIO TIS", load: { try single(bhk + "TIS.csv") }, minimumJaccard: 1),
            Check(signature: "Pan_F_TBRS", file: "PredictIO TGFB_Mariathasan", load: { try single(bhk + "TGFB_Mariathasan.csv") }, minimumJaccard: 1),
            // PredictIO's "PDL1" adds PDCD1 and PDCD1LG2 to CD274; the catalog's PDL1 is CD274 mRNA alone.
            Check(signature: "PDL1", file: "PredictIO PDL1", load: { try single(bhk + "PDL1.csv") }, minimumJaccard: 1.0 / 3),
            Check(signature: "CRMA", file: "PredictIO CRMA", load: { try single(bhk + "CRMA.csv") }, minimumJaccard: 0.5),
            // PredictIO's "T_cell_inflamed" is the Ayers/Cristescu GEP (15 of the 18 genes), not Spranger's 13 genes.
            Check(signature: "GEP_18", file: "PredictIO T_cell_inflamed", load: { try single(bhk + "T_cell_inflamed.csv") }, minimumJaccard: 0.7),
            Check(signature: "PredictIO", file: "PredictioR PredictIO_Bareche", load: {
                try long("signatures/predictior_bhklab/PredictIO_Bareche.csv", "PredictIO_Bareche", signatureColumn: 0, geneColumn: 3) }, minimumJaccard: 1),
            Check(signature: "Expanded_immune_18", file: "PredictIO IRG_Ayers", load: { try single(bhk + "IRG_Ayers.csv") }, minimumJaccard: 0.5),
            Check(signature: "IFNG_6", file: "PredictIO IFNG", load: { try single(bhk + "IFNG.csv") }, minimumJaccard: 0.5),
        ]
    }()

    @Test("Gene lists overlap the collected files", arguments: checks)
    func overlap(_ check: Check) throws {
        let catalog = try SignatureCatalog.builtIn()
        let ours = Self.normalise(try #require(catalog.signature(named: check.signature)).allGenes.filter {
            !(catalog.signature(named: check.signature)?.housekeeping ?? []).contains($0) })
        let theirs = Self.normalise(try check.load())
        #expect(!theirs.isEmpty)
        let jaccard = Double(ours.intersection(theirs).count) / Double(ours.union(theirs).count)
        print("cross-check \(check): ours \(ours.count), theirs \(theirs.count), shared \(ours.intersection(theirs).count), Jaccard \(jaccard); only ours: \(ours.subtracting(theirs).sorted()); only theirs: \(theirs.subtracting(ours).sorted())")
        #expect(jaccard >= check.minimumJaccard, "\(check): Jaccard \(jaccard)")
    }

    @Test("GEP weights, housekeeping genes and IMPRES pairs equal the easier collection's")
    func weightsAndPairs() throws {
        let catalog = try SignatureCatalog.builtIn()
        let easier = "signatures/easier_signature_genes/easier_signature_genes_long.csv"
        let gep = try #require(catalog.signature(named: "GEP_18"))
        let text = try String(contentsOf: try SharedData.require(easier), encoding: .utf8)
        var published: [String: Double] = [:]
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("\"Tcell_inflamed_GEP_Cristescu2018\"") {
            let f = line.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            published[f[1]] = Double(f[2])
        }
        #expect(published.count == 18)
        for w in gep.weights ?? [] { #expect(published[w.gene] == w.weight, "\(w.gene)") }
        #expect(Self.normalise(gep.housekeeping ?? []) == Self.normalise(try Self.long(easier, "Tcell_inflamed_GEP_housekeeping")))
        let pairsText = try String(contentsOf: try SharedData.require("signatures/easier_signature_genes/IMPRES_gene_pairs_Auslander2018.csv"), encoding: .utf8)
        let theirs = pairsText.split(whereSeparator: \.isNewline).dropFirst().map { line -> String in
            let f = line.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            return "\(Self.renamed[f[0]] ?? f[0])>\(Self.renamed[f[1]] ?? f[1])"
        }
        let ours = (catalog.signature(named: "IMPRES")?.pairs ?? []).map { "\($0.high)>\($0.low)" }
        #expect(ours == theirs)
    }
}
