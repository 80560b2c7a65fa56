import Foundation
import Testing
@testable import CohortData
import TestSupport

@Suite("Gene identifier harmonisation")
struct GeneIdentifierHarmonizerTests {
    /// A small HGNC-shaped table: quoted multi-valued fields, a withdrawn row, an alias shared by two
    /// genes, an alias that is another gene's approved symbol.
    static let table = """
    hgnc_id\tsymbol\tname\tstatus\talias_symbol\tprev_symbol\tentrez_id\tensembl_gene_id
    HGNC:30085\tVSIR\tV-set immunoregulatory receptor\tApproved\t"VISTA|PD-1H|B7H5"\tC10orf54\t64115\tENSG00000107738
    HGNC:17635\tCD274\tCD274 molecule\tApproved\t"B7-H|B7H1|PD-L1|PDL1"\tPDCD1LG1\t29126\tENSG00000120217
    HGNC:8760\tPDCD1\tprogrammed cell death 1\tApproved\t"PD1|CD279"\t\t5133\tENSG00000188389
    HGNC:11138\tSNCA\tsynuclein alpha\tApproved\t"NACP|PD1"\t\t6622\tENSG00000145335
    HGNC:1352\tC7\tcomplement C7\tApproved\t\t\t730\tENSG00000112936
    HGNC:10637\tCXCL10\tC-X-C motif chemokine ligand 10\tApproved\t"IP-10|C7"\tINP10\t3627\tENSG00000169245
    HGNC:99999\tOLDGENE\tentry withdrawn\tEntry Withdrawn\t\t\t\t

    """

    func load(_ dir: TemporaryDirectory) throws -> GeneIdentifierHarmonizer {
        try GeneIdentifierHarmonizer.loadHGNC(dir.write("hgnc.txt", Self.table))
    }

    @Test func resolvesEveryIdentifierKind() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let h = try load(dir)
        #expect(h.count == 6)   // the withdrawn row is skipped
        #expect(h.resolve("VSIR") == .approved("VSIR"))
        #expect(h.resolve("C10orf54") == .mapped("VSIR", via: .previousSymbol))
        #expect(h.resolve("PD-L1") == .mapped("CD274", via: .alias))
        #expect(h.resolve("64115") == .mapped("VSIR", via: .entrezID))
        #expect(h.resolve("ENSG00000120217") == .mapped("CD274", via: .ensemblID))
        #expect(h.resolve("ENSG00000120217.14") == .mapped("CD274", via: .ensemblID))
        #expect(h.resolve("HGNC:8760") == .mapped("PDCD1", via: .hgncID))
        #expect(h.resolve("  CD274 ") == .approved("CD274"))
        #expect(h.resolve("cd274") == .mapped("CD274", via: .approvedSymbolIgnoringCase))
        #expect(h.resolve("c10ORF54") == .mapped("VSIR", via: .previousSymbolIgnoringCase))
        #expect(h.resolve("pd-l1") == .mapped("CD274", via: .aliasIgnoringCase))
        #expect(h.resolve("OLDGENE") == .unknown)
        #expect(h.resolve("NOT_A_GENE") == .unknown)
        #expect(h.resolve("") == .unknown)
    }

    @Test func ambiguousAliasIsNeverGuessed() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let h = try load(dir)
        #expect(h.resolve("PD1") == .ambiguous(["PDCD1", "SNCA"]))
        #expect(h.resolve("pd1") == .ambiguous(["PDCD1", "SNCA"]))
        #expect(h.resolve("PD1").symbol == nil)
    }

    @Test func approvedSymbolWinsOverAnotherGenesAlias() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let h = try load(dir)
        #expect(h.resolve("C7") == .approved("C7"))   // also an alias of CXCL10
    }

    @Test func builtInTableCoversRenamedSignatureGenes() {
        let h = GeneIdentifierHarmonizer.immuneSignatures
        #expect(h.count >= 40)
        let expected: [String: String] = [
            "C10orf54": "VSIR", "PD-L1": "CD274", "PDL1": "CD274", "B7-H1": "CD274", "PD-1": "PDCD1", "PD1": "PDCD1",
            "PD-L2": "PDCD1LG2", "CTLA-4": "CTLA4", "IFN-gamma": "IFNG", "TIM-3": "HAVCR2", "LAG-3": "LAG3",
            "VSTM3": "TIGIT", "FAM26F": "CALHM6", "CD8": "CD8A", "HLA-DR": "HLA-DRA", "C4orf48": "NICOL1",
            "KIAA0101": "PCLAF", "FAM46C": "TENT5C", "C8orf4": "TCIM", "TMEM173": "STING1", "IGJ": "JCHAIN",
            "IL8": "CXCL8", "WARS": "WARS1", "PVRL2": "NECTIN2", "4-1BB": "TNFRSF9", "OX40": "TNFRSF4",
        ]
        for (alias, symbol) in expected {
            #expect(h.resolve(alias).symbol == symbol, "\(alias)")
        }
        #expect(h.resolve("CD274") == .approved("CD274"))
        #expect(h.resolve("29126") == .mapped("CD274", via: .entrezID))
        #expect(h.resolve("MADE_UP") == .unknown)
        #expect(GeneIdentifierHarmonizer.immuneSignatureRecords.map(\.symbol).count
                == Set(GeneIdentifierHarmonizer.immuneSignatureRecords.map(\.symbol)).count)
    }

    @Test func harmonizesExpressionBlockWithCollisions() throws {
        let h = GeneIdentifierHarmonizer.immuneSignatures
        // C10orf54 (mean 2) and VSIR (mean 5) collide: VSIR's row is kept. PD-L1 and pd-l1 collide too:
        // the first has the higher mean. NaN is ignored in the mean.
        let block = ExpressionBlock(
            genes: ["C10orf54", "PD-L1", "VSIR", "MYSTERY1", "pd-l1", "CD8A"], sampleIDs: ["P1", "P2"], unit: .log2TPM,
            geneMajorValues: [1, 3, 9, .nan, 5, 5, 0, 0, 1, 2, 7, 8])
        let (out, report) = h.harmonize(block)
        #expect(out.genes == ["CD274", "VSIR", "MYSTERY1", "CD8A"])
        #expect(Array(out.row(gene: 0)).first == 9)
        #expect(Array(out.row(gene: 1)) == [5, 5])
        #expect(Array(out.row(gene: 2)) == [0, 0])
        #expect(out.sampleIDs == block.sampleIDs && out.unit == .log2TPM)
        #expect(report.unmapped == ["MYSTERY1"])
        #expect(report.renamed.contains(.init(from: "C10orf54", to: "VSIR", via: .previousSymbol)))
        #expect(report.collisions == [
            .init(symbol: "VSIR", kept: "VSIR", dropped: ["C10orf54"]),
            .init(symbol: "CD274", kept: "PD-L1", dropped: ["pd-l1"]),
        ])
        #expect(report.droppedRows == 2)
        let (dropped, dropReport) = h.harmonize(block, unresolved: .drop)
        #expect(dropped.genes == ["CD274", "VSIR", "CD8A"])
        #expect(dropReport.droppedRows == 3)
    }

    @Test("a row named by the approved symbol is kept even when an alias row has a higher mean")
    func approvedRowWinsCollision() {
        let block = ExpressionBlock(genes: ["VSIR", "C10orf54"], sampleIDs: ["P1", "P2"], unit: .log2TPM,
                                    geneMajorValues: [1, 1, 8, 9])
        let (out, report) = GeneIdentifierHarmonizer.immuneSignatures.harmonize(block)
        #expect(out.genes == ["VSIR"])
        #expect(Array(out.row(gene: 0)) == [1, 1])
        #expect(report.collisions == [.init(symbol: "VSIR", kept: "VSIR", dropped: ["C10orf54"])])
    }

    @Test func harmonizeReportsAmbiguousRows() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let h = try load(dir)
        let block = ExpressionBlock(genes: ["PD1", "64115"], sampleIDs: ["P1"], unit: .tpm, geneMajorValues: [1, 2])
        let (out, report) = h.harmonize(block)
        #expect(out.genes == ["PD1", "VSIR"])
        #expect(report.ambiguous == [.init(identifier: "PD1", candidates: ["PDCD1", "SNCA"])])
    }

    // MARK: Bad input

    @Test func rejectsEmptyTable() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("e.txt", "")
        let error = try #require(throws: CohortDataError.self) { try GeneIdentifierHarmonizer.loadHGNC(url) }
        #expect(error.kind == .emptyFile && error.file == url.path)
        let headerOnly = try dir.write("h.txt", "hgnc_id\tsymbol\tstatus\n")
        let error2 = try #require(throws: CohortDataError.self) { try GeneIdentifierHarmonizer.loadHGNC(headerOnly) }
        #expect(error2.kind == .emptyFile)
    }

    @Test func rejectsRaggedRow() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("r.txt", "hgnc_id\tsymbol\tstatus\nHGNC:1\tA\tApproved\nHGNC:2\tB\n")
        expectFormatError(.raggedRow, file: url, line: 3) { _ = try GeneIdentifierHarmonizer.loadHGNC(url) }
    }

    @Test func rejectsDuplicateSymbol() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("d.txt", "hgnc_id\tsymbol\tstatus\nHGNC:1\tA\tApproved\nHGNC:2\tA\tApproved\n")
        expectFormatError(.duplicateID, file: url, line: 3, column: "symbol") { _ = try GeneIdentifierHarmonizer.loadHGNC(url) }
    }

    @Test func rejectsTextInEntrezColumn() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("t.txt", "symbol\tentrez_id\nA\t12\nB\tGENE-ID-X\n")
        expectFormatError(.nonNumericValue, file: url, line: 3, column: "entrez_id") { _ = try GeneIdentifierHarmonizer.loadHGNC(url) }
    }

    @Test func rejectsUnknownStatus() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("s.txt", "symbol\tstatus\nA\tApproved\nB\tPending review\n")
        expectFormatError(.unknownCode, file: url, line: 3, column: "status") { _ = try GeneIdentifierHarmonizer.loadHGNC(url) }
    }

    @Test func rejectsMissingSymbolColumn() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("m.txt", "hgnc_id\tname\nHGNC:1\tx\n")
        expectFormatError(.missingColumn, file: url, line: 1, column: "symbol") { _ = try GeneIdentifierHarmonizer.loadHGNC(url) }
    }

    @Test func rejectsTruncatedGzip() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let text = "hgnc_id\tsymbol\tstatus\talias_symbol\tentrez_id\n" + repeatedLines(5000) { i in
            "HGNC:\(i)\tGENE\(i)\tApproved\t\"AL\(i * 7 % 9973)|XY\(i * 13 % 7919)\"\t\(100000 + i * 31)"
        }
        let url = try writeTruncatedGzip(text, name: "hgnc.txt.gz", in: dir)
        expectFormatError(.truncatedCompressedFile, file: url) { _ = try GeneIdentifierHarmonizer.loadHGNC(url) }
    }

    // MARK: Real data (HGNC complete set, January 2019)

    static let hgncPath = "reference/hgnc_complete_set_2019-01.txt.gz"

    @Test(.enabled(if: SharedData.shouldRun(hgncPath)))
    func realHGNCTable() throws {
        let h = try GeneIdentifierHarmonizer.loadHGNC(SharedData.require(Self.hgncPath))
        #expect(h.count > 40_000)
        #expect(h.resolve("C10orf54") == .mapped("VSIR", via: .previousSymbol))
        #expect(h.resolve("PD-L1") == .mapped("CD274", via: .alias))
        #expect(h.resolve("KIAA0101") == .mapped("PCLAF", via: .previousSymbol))
        #expect(h.resolve("FAM26F") == .mapped("CALHM6", via: .previousSymbol))
        #expect(h.resolve("7157") == .mapped("TP53", via: .entrezID))
        #expect(h.resolve("29126") == .mapped("CD274", via: .entrezID))
        #expect(h.resolve("ENSG00000141510") == .mapped("TP53", via: .ensemblID))
        #expect(h.resolve("ENSG00000107738.19") == .mapped("VSIR", via: .ensemblID))
        #expect(h.resolve("PD1") == .ambiguous(["PDCD1", "SNCA", "SPATA2"]))
        #expect(h.resolve("CD274") == .approved("CD274"))
        #expect(h.resolve("A12M1") == .unknown)   // an "Entry Withdrawn" row
    }

    /// The built-in table never sends a name to a different gene than HGNC does: each alias and
    /// previous symbol resolves in the 2019 HGNC table to the same gene (or to the symbol the gene had
    /// in 2019), is unknown to HGNC (protein names such as "TIM-3"), or is one of the documented
    /// curated choices among HGNC's candidates. Entrez IDs agree too.
    @Test(.enabled(if: SharedData.shouldRun(hgncPath)))
    func builtInTableAgreesWithHGNC() throws {
        let hgnc = try GeneIdentifierHarmonizer.loadHGNC(SharedData.require(Self.hgncPath))
        let curatedChoices: Set<String> = ["PD1", "CD25"]
        for record in GeneIdentifierHarmonizer.immuneSignatureRecords {
            let names = Set([record.symbol] + record.previousSymbols)
            if let entrez = record.entrezID {
                let symbol = hgnc.resolve(entrez).symbol
                #expect(symbol.map(names.contains) == true, "Entrez \(entrez) of \(record.symbol) is \(String(describing: symbol)) in HGNC")
            }
            for name in record.aliases + record.previousSymbols {
                switch hgnc.resolve(name) {
                case .approved(let s), .mapped(let s, _):
                    #expect(names.contains(s), "\(name) → \(record.symbol) here, \(s) in HGNC")
                case .ambiguous(let candidates):
                    #expect(curatedChoices.contains(name) && !names.isDisjoint(with: candidates),
                            "\(name) is ambiguous in HGNC: \(candidates)")
                case .unknown:
                    break
                }
            }
        }
    }

    @Test(.enabled(if: SharedData.shouldRun(hgncPath)))
    func realTableHarmonizesOldSymbols() throws {
        let hgnc = try GeneIdentifierHarmonizer.loadHGNC(SharedData.require(Self.hgncPath))
        let block = ExpressionBlock(genes: ["C10orf54", "KIAA0101", "7157", "ENSG00000120217.13", "PD1"],
                                    sampleIDs: ["P1"], unit: .log2TPM, geneMajorValues: [1, 2, 3, 4, 5])
        let (out, report) = hgnc.harmonize(block)
        #expect(out.genes == ["VSIR", "PCLAF", "TP53", "CD274", "PD1"])
        #expect(report.ambiguous.map(\.identifier) == ["PD1"])
        #expect(report.renamed.count == 4)
    }
}
