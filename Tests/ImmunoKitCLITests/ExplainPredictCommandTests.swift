import Foundation
import Testing
import TestSupport
import ImmunoKit

/// `immunokit explain` (beeswarm plot, interaction values) and `immunokit predict --explain`, end to end
/// on the real binary.
@Suite("immunokit explain and predict --explain", .serialized)
struct ExplainPredictCommandTests {
    /// A simulated cohort and a GBDT trained on it, in `dir`.
    static func trainedModel(_ dir: TemporaryDirectory) throws -> String {
        #expect(try CLI.run(["simulate", "--patients", "250", "--seed", "23", "--output", dir.file("c").path, "--quiet"]).status == 0)
        let model = dir.file("gbdt.json").path
        let trained = try CLI.run(["train", dir.file("c").path, "--outcome", "response", "--model", "gbdt", "--features",
                                   "tmb,albumin,nlr,ecog,drug_class", "--folds", "0", "--out", model, "--quiet"])
        #expect(trained.status == 0, "\(trained.stderr)")
        return model
    }

    @Test("explain writes a beeswarm plot with one dot per patient per feature, and interaction values that add up")
    func beeswarmAndInteractions() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let model = try Self.trainedModel(dir)
        let result = try CLI.run(["explain", model, dir.file("c").path, "--out", dir.file("shap.tsv").path,
                                  "--patients", "60", "--interactions", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let shap = try DelimitedTable.read(dir.file("shap.tsv"))
        let features = Array(shap.header.dropFirst(3))
        #expect(shap.rowCount == 60 && !features.isEmpty)

        let svg = try String(contentsOf: dir.file("shap.beeswarm.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("Feature value"))
        #expect(svg.components(separatedBy: "<g data-feature=").count - 1 == min(features.count, 20))
        #expect(svg.components(separatedBy: "<circle").count - 1 == 60 * min(features.count, 20))
        // The first row drawn is the feature with the largest mean |SHAP|.
        func meanAbsolute(_ column: Int) -> Double {
            shap.rows.reduce(0) { $0 + abs(Double($1[column])!) } / Double(shap.rowCount)
        }
        let top = features.indices.max { meanAbsolute($0 + 3) < meanAbsolute($1 + 3) }!
        let firstRow = svg.components(separatedBy: "<g data-feature=\"")[1].prefix { $0 != "\"" }
        #expect(String(firstRow) == features[top].replacingOccurrences(of: "&", with: "&amp;"))

        let pairs = try DelimitedTable.read(dir.file("shap.interactions.tsv"))
        #expect(pairs.header == ["patient_id", "feature_i", "feature_j", "value"])
        #expect(pairs.rowCount == 60 * features.count * features.count)
        // Summing each patient's interaction values over feature_j gives feature_i's SHAP value.
        var sums: [String: Double] = [:]
        for row in pairs.rows { sums[row[0] + "\t" + row[1], default: 0] += Double(row[3])! }
        var worst = 0.0
        for row in shap.rows {
            for (j, name) in features.enumerated() {
                worst = max(worst, abs(sums[row[0] + "\t" + name]! - Double(row[j + 3])!))
            }
        }
        #expect(worst < 1e-9, "interaction rows sum to the SHAP values (max gap \(worst))")
    }

    @Test("predict --explain adds the top k contributions in words and numbers, ordered by size, to TSV and JSON")
    func predictExplains() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let model = try Self.trainedModel(dir)
        let result = try CLI.run(["predict", model, dir.file("c").path, "--out", dir.file("p.tsv").path,
                                  "--explain", "--top", "2", "--json", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let table = try DelimitedTable.read(dir.file("p.tsv"))
        #expect(table.header == ["patient_id", "probability", "flags", "feature_1", "effect_1", "explanation_1",
                                 "feature_2", "effect_2", "explanation_2"])
        #expect(table.rowCount == 250)
        for row in table.rows {
            let e1 = abs(Double(row[4])!), e2 = abs(Double(row[7]) ?? 0)
            #expect(e1 >= e2, "ordered by size")
            #expect(row[5].hasPrefix(row[3] + " ") && row[5].hasSuffix("points"))
            #expect(row[5].contains("raises the predicted response probability") || row[5].contains("lowers the predicted response probability"))
        }
        // The same explanation as `immunokit explain` for the same patients.
        #expect(try CLI.run(["explain", model, dir.file("c").path, "--out", dir.file("shap.tsv").path, "--quiet"]).status == 0)
        let words = try DelimitedTable.read(dir.file("shap.explanations.tsv"))
        let firstByPatient = Dictionary(words.rows.filter { $0[1] == "1" }.map { ($0[0], $0) }, uniquingKeysWith: { a, _ in a })
        for row in table.rows {
            let reference = try #require(firstByPatient[row[0]])
            #expect(reference[2] == row[3] && reference[6] == row[5])
            #expect(abs(Double(reference[5])! - Double(row[4])!) < 1e-9)
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.file("p.json")))
        let records = (json as? [[String: Any]]) ?? ((json as? [String: Any])?["rows"] as? [[String: Any]]) ?? []
        #expect(records.count == 250)
        #expect(records.first?["effect_1"] is NSNumber)
        #expect(records.first?["explanation_1"] is String)
    }

    @Test("bad usage: --top below 1, or without --explain, is one clear error and writes nothing")
    func badTop() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let model = try Self.trainedModel(dir)
        for arguments in [["--explain", "--top", "0"], ["--explain", "--top=-3"], ["--top", "2"]] {
            let result = try CLI.run(["predict", model, dir.file("c").path, "--out", dir.file("bad.tsv").path] + arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.contains("--top"))
            #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir.file("bad.tsv").path))
        }
        let explain = try CLI.run(["explain", model, dir.file("c").path, "--out", dir.file("bad.tsv").path, "--top", "0"])
        #expect(explain.status == 64)
        #expect(explain.stderr.contains("--top"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("bad.tsv").path))
        #expect(!FileManager.default.fileExists(atPath: dir.file("bad.beeswarm.svg").path))
    }
}
