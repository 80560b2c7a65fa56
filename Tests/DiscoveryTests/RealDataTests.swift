import CohortData
import Discovery
import Foundation
import Learning
import Testing
import TestSupport

/// Real public ICI cohorts (skipped when the shared data folder is absent).
@Suite(.enabled(if: SharedData.shouldRun("cohorts")))
struct RealDataTests {
    static let genes = ["CXCL9", "CXCL10", "CXCL11", "IFNG", "IDO1", "STAT1", "HLA-DRA", "GZMA", "GZMB", "PRF1",
                        "CD8A", "CD274", "PDCD1", "LAG3", "CTLA4", "TIGIT", "CD3E", "NKG7", "B2M", "TGFB1"]
    /// Ayers et al. (2017) IFN-γ 6-gene signature: mean of per-cohort z-scores.
    static let ifngSix = ["IFNG", "STAT1", "IDO1", "CXCL10", "CXCL9", "HLA-DRA"]

    @Test func immuneGeneScanForResponseMetaAnalysedAcrossCohorts() throws {
        var perCohort: [(cohort: String, results: [AssociationResult])] = []
        for name in ["riaz2017", "gide2019", "vanallen2015", "hugo2016", "miao2018"] where SharedData.isAvailable("cohorts/\(name)/clinical.tsv") {
            let cohort = try CohortReader.read(try SharedData.require("cohorts/\(name)"))
            guard let expression = cohort.expression, cohort.outcomes.response != nil else { continue }
            let (target, rows, _) = try cohort.learningTarget(.response)
            guard case .binary(let y) = target else { continue }
            let present = Self.genes.filter { expression.geneIndex[$0] != nil }
            let columns = try cohort.featureColumns(present.map { "gene:\($0)" })
            var features: [(name: String, values: [Double])] = columns.map { c in
                (String(c.name.dropFirst(5)), rows.map { c.numericValues![$0] ?? .nan })
            }
            // Signature: mean z-score of the six genes.
            let six = features.filter { Self.ifngSix.contains($0.name) }.map { f -> [Double] in
                let v = f.values.filter(\.isFinite)
                let m = v.reduce(0, +) / Double(v.count)
                let sd = (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count - 1)).squareRoot()
                return f.values.map { ($0 - m) / sd }
            }
            if six.count >= 4 {
                features.append(("IFNG6_signature", rows.indices.map { i in six.map { $0[i] }.reduce(0, +) / Double(six.count) }))
            }
            let results = AssociationScan.run(features: features, outcome: .binary(y.map { $0 == 1 }))
            perCohort.append((name, results))
            let best = results.min { ($0.pValue.isNaN ? 1 : $0.pValue) < ($1.pValue.isNaN ? 1 : $1.pValue) }!
            print("[discovery] \(name): n = \(rows.count), responders = \(y.filter { $0 == 1 }.count); top \(best.feature) AUC \(String(format: "%.3f", best.effect)) p \(String(format: "%.2g", best.pValue)) q \(String(format: "%.2g", best.qValueBH))")
        }
        #expect(perCohort.count >= 3)
        let findings = CrossCohortMetaScan.run(cohortResults: perCohort).sorted { $0.pooled.pValue < $1.pooled.pValue }
        for f in findings.prefix(8) {
            print("[discovery] meta \(f.feature): pooled AUC \(String(format: "%.3f", 0.5 + f.pooled.estimate)) [\(String(format: "%.3f", 0.5 + f.pooled.lower)), \(String(format: "%.3f", 0.5 + f.pooled.upper))], p \(String(format: "%.2g", f.pooled.pValue)), q \(String(format: "%.2g", f.qValueBH)), I² \(String(format: "%.0f", 100 * f.pooled.iSquared))%, cohorts \(f.cohortNames.count), LOO-stable \(f.isStable)")
        }
        // Interferon-γ / cytotoxic genes are higher in responders in pooled analyses (a well-replicated finding).
        let top = try #require(findings.first)
        #expect(top.pooled.estimate > 0)
        #expect(top.qValueBH < 0.1)
        let signature = try #require(findings.first { $0.feature == "IFNG6_signature" })
        #expect(signature.pooled.estimate > 0)
    }

    /// Reads numeric columns of a CSV (no quoted fields).
    static func csv(_ url: URL, _ names: [String]) throws -> [[Double]] {
        let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let idx = names.map { header.firstIndex(of: $0)! }
        return idx.map { j in lines.dropFirst().map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            return j < f.count ? Double(f[j]) ?? .nan : .nan
        } }
    }

    @Test(.enabled(if: SharedData.shouldRun("cohorts/msk_nonici/MSK_nonICB.csv")))
    func predictiveVersusPrognosticMSK() throws {
        let names = ["TMB", "Albumin", "NLR", "OS_Months", "OS_Event"]
        let ici = try Self.csv(try SharedData.require("cohorts/msk_chowell_train/Chowell_train.csv"), names)
        let non = try Self.csv(try SharedData.require("cohorts/msk_nonici/MSK_nonICB.csv"), names)
        var summary: [String: TreatmentInteraction] = [:]
        for (j, marker) in ["TMB", "Albumin", "NLR"].enumerated() {
            var x: [Double] = [], t: [Double] = [], e: [Bool] = [], treated: [Bool] = []
            for (data, isICI) in [(ici, true), (non, false)] {
                for i in data[0].indices where data[j][i].isFinite && data[3][i].isFinite && data[4][i].isFinite {
                    // log2(1 + x) for the skewed TMB and NLR; albumin per g/dL.
                    x.append(marker == "Albumin" ? data[j][i] : log2(1 + data[j][i]))
                    t.append(data[3][i]); e.append(data[4][i] == 1); treated.append(isICI)
                }
            }
            let r = try TreatmentInteraction(biomarker: x, treated: treated, time: t, event: e)
            summary[marker] = r
            func f(_ e: TreatmentInteraction.Effect) -> String {
                String(format: "%.3f [%.3f, %.3f] p %.2g", e.hazardRatio, e.lower, e.upper, e.pValue)
            }
            print("[discovery] \(marker) (n \(r.count), ICI \(r.treatedCount), events \(r.events)): HR ICI \(f(r.treated)); HR non-ICI \(f(r.untreated)); ratio (interaction) \(f(r.interaction))")
        }
        // TMB: protective under ICI, and more so than without ICI (predictive).
        let tmb = try #require(summary["TMB"])
        #expect(tmb.treated.hazardRatio < 1)
        #expect(tmb.interaction.hazardRatio < 1)
        // Albumin: protective in both arms (prognostic).
        let albumin = try #require(summary["Albumin"])
        #expect(albumin.treated.hazardRatio < 1 && albumin.untreated.hazardRatio < 1)
    }
}
