import Foundation
import Testing
import TestSupport
import ImmunoKit

/// `immunokit validate`: the report folder, its numbers, and how a browser renders it.
@Suite("immunokit validate", .serialized)
struct ValidateCommandTests {
    /// Trains on one simulated cohort and validates on another (another seed: other case mix).
    static func trainedModel(_ dir: TemporaryDirectory, outcome: String, model: String) throws -> (model: String, cohort: String) {
        #expect(try CLI.run(["simulate", "--patients", "400", "--seed", "21", "--output", dir.file("train").path, "--quiet"]).status == 0)
        #expect(try CLI.run(["simulate", "--patients", "250", "--seed", "22", "--output", dir.file("site").path, "--quiet"]).status == 0)
        let path = dir.file("\(model).json").path
        let trained = try CLI.run(["train", dir.file("train").path, "--outcome", outcome, "--model", model,
                                   "--features", "drug_class,tmb,albumin,nlr,ecog,cancer_type,age", "--folds", "0",
                                   "--out", path, "--quiet"])
        #expect(trained.status == 0, "\(trained.stderr)")
        return (path, dir.file("site").path)
    }

    @Test("binary validation: report files, numbers that agree with a direct computation, subgroups and shift")
    func binary() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (model, site) = try Self.trainedModel(dir, outcome: "response", model: "logistic")
        let out = dir.file("report")
        let result = try CLI.run(["validate", model, site, "--out", out.path, "--svg", "--training", dir.file("train").path])
        #expect(result.status == 0, "\(result.stderr)")
        for file in ["report.html", "report.json", "predictions.tsv", "roc.svg", "calibration.svg", "decision_curve.svg", "subgroups.svg"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file)")
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as? [String: Any]
        let numbers = try #require(json?["numbers"] as? [String: Double])
        let auc = try #require(numbers["auc"])

        // The same AUC computed directly from the predictions file and the cohort's labels.
        let cohort = try CohortReader.read(URL(fileURLWithPath: site))
        let predictions = try DelimitedTable.read(out.appendingPathComponent("predictions.tsv"))
        let probability = try predictions.doubles(1)
        let rows = cohort.patientIDs.indices.filter { cohort.outcomes.response?.values[$0] != nil }
        let direct = try AreaUnderROC(scores: rows.map { probability[$0]! }, labels: rows.map { cohort.outcomes.response!.values[$0]! })
        #expect(abs(direct.estimate - auc) < 1e-12)

        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains(String(format: "%.3f (%.3f–%.3f)", direct.estimate, direct.lower, direct.upper)))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") || html.components(separatedBy: "http://").dropFirst().allSatisfy { $0.hasPrefix("www.w3.org/2000/svg") })
        #expect(html.contains("TRIPOD+AI"))
        #expect(numbers.keys.contains { $0.hasPrefix("subgroup.cancer_type=") })
        #expect(numbers.keys.contains { $0.hasPrefix("psi.") })
        // Two simulations with other seeds and site mixes: distinguishable, but far from perfectly.
        let domain = try #require(numbers["domain_classifier_auc"])
        #expect(domain > 0.3 && domain < 0.95)
    }

    @Test("survival validation: Harrell's C with a CI and Kaplan–Meier curves by risk group")
    func survival() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (model, site) = try Self.trainedModel(dir, outcome: "os", model: "cox")
        let out = dir.file("report")
        let result = try CLI.run(["validate", model, site, "--horizon", "12", "--out", out.path, "--json", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let numbers = try #require(json?["numbers"] as? [String: Double])
        let c = try #require(numbers["harrell_c"])
        #expect(c > 0.5 && c < 1)
        #expect(numbers["harrell_c_lower"]! <= c && c <= numbers["harrell_c_upper"]!)
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("Number at risk"))
    }

    static var browser: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// Under CI (`CI=true`) `.ci/run` installs Chromium, and a missing browser fails this test;
    /// elsewhere it is skipped with a message when no browser is installed.
    @Test("the report renders in headless Chromium: non-blank, no console errors",
          .enabled(if: browser != nil || ProcessInfo.processInfo.environment["CI"] == "true"))
    func rendersInBrowser() throws {
        let browser = try #require(Self.browser, "Chromium is required under CI")
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (model, site) = try Self.trainedModel(dir, outcome: "response", model: "gbdt")
        let out = dir.file("report")
        #expect(try CLI.run(["validate", model, site, "--out", out.path, "--quiet"]).status == 0)
        let page = "file://" + out.appendingPathComponent("report.html").path
        let screenshot = dir.file("shot.png")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr",
                             "--v=0", "--window-size=1100,2400", "--screenshot=\(screenshot.path)", page]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let png = try Data(contentsOf: screenshot)
        // A blank page compresses to a few kilobytes; charts and tables make it far larger.
        #expect(png.count > 40_000, "screenshot is \(png.count) bytes")
        let consoleErrors = log.split(separator: "\n").filter { $0.contains("CONSOLE") && $0.localizedCaseInsensitiveContains("error") }
        #expect(consoleErrors.isEmpty, "\(consoleErrors)")
    }
}

@Suite("immunokit recalibrate")
struct RecalibrateCommandTests {
    @Test("recalibration at a new site is judged on held-out local data and saved with its lineage")
    func recalibrate() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (model, site) = try ValidateCommandTests.trainedModel(dir, outcome: "response", model: "logistic")
        let out = dir.file("recal.json").path
        let result = try CLI.run(["recalibrate", model, site, "--method", "logistic", "--out", out, "--json", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let comparison = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: [String: Any]]
        #expect(Set(comparison?.keys.map { $0 } ?? []) == ["none", "intercept", "logistic", "isotonic"])
        let artifact = try ModelArtifact.load(URL(fileURLWithPath: out))
        #expect(artifact.recalibration?.method == .logistic)
        #expect(artifact.lineage.count == 1 && artifact.lineage[0].contains(model))
        #expect(artifact.metrics["local_heldout_brier"] != nil)
        // Predictions of the recalibrated artifact differ from the original's and stay probabilities.
        let original = try CLI.run(["predict", model, site, "--out", dir.file("a.tsv").path, "--quiet"])
        let updated = try CLI.run(["predict", out, site, "--out", dir.file("b.tsv").path, "--quiet"])
        #expect(original.status == 0 && updated.status == 0)
        let a = try DelimitedTable.read(dir.file("a.tsv")).doubles(1), b = try DelimitedTable.read(dir.file("b.tsv")).doubles(1)
        #expect(a != b)
        #expect(b.allSatisfy { ($0 ?? -1) > 0 && ($0 ?? 2) < 1 })
        // Survival models are refused.
        let cox = try CLI.run(["recalibrate", model.replacingOccurrences(of: "logistic", with: "nothing"), site, "--out", out])
        #expect(cox.status == 65 || cox.status == 64)
    }
}

@Suite("immunokit evaluate")
struct EvaluateCommandTests {
    @Test("models compared by leave-one-site-out with paired DeLong tests")
    func evaluate() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(try CLI.run(["simulate", "--patients", "300", "--seed", "5", "--output", dir.file("c").path, "--quiet"]).status == 0)
        let result = try CLI.run(["evaluate", dir.file("c").path, "--outcome", "response", "--models", "logistic,forest",
                                  "--features", "drug_class,tmb,albumin,ecog", "--by", "site", "--json", "--quiet",
                                  "--out", dir.file("cmp.tsv").path, "--report", dir.file("cmp.html").path])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let rows = try #require(json?["rows"] as? [[String: Any]])
        let auc = rows.filter { $0["metric"] as? String == "auc" }
        #expect(auc.count == 2)
        #expect(auc.allSatisfy { ($0["splits"] as? Int) == 4 })   // four simulated sites
        let paired = try #require(json?["pairedDeLong"] as? [[String: Any]])
        #expect(paired.count == 1)
        let p = try #require(paired.first?["pValue"] as? Double)
        #expect(p >= 0 && p <= 1)
        #expect(try DelimitedTable.read(dir.file("cmp.tsv")).rowCount == 6)
        let html = try String(contentsOf: dir.file("cmp.html"), encoding: .utf8)
        #expect(html.contains("Paired DeLong tests") && html.contains("<svg"))
        let bad = try CLI.run(["evaluate", dir.file("c").path, "--outcome", "response", "--models", "logistic,svm"])
        #expect(bad.status == 64)

        // Nested: tuning inside every outer split still gives one score per outer split.
        let nested = try CLI.run(["evaluate", dir.file("c").path, "--outcome", "response", "--models", "logistic",
                                  "--features", "drug_class,tmb,albumin,ecog", "--folds", "3", "--nested", "--json", "--quiet"])
        #expect(nested.status == 0, "\(nested.stderr)")
        let nestedJSON = try JSONSerialization.jsonObject(with: Data(nested.stdout.utf8)) as? [String: Any]
        let nestedRows = try #require(nestedJSON?["rows"] as? [[String: Any]])
        #expect(nestedRows.contains { $0["metric"] as? String == "auc" && ($0["splits"] as? Int) == 3 })
    }
}

@Suite("immunokit report")
struct ReportCommandTests {
    @Test("writes the HTML and its JSON twin, and standalone SVGs on request")
    func report() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (model, site) = try ValidateCommandTests.trainedModel(dir, outcome: "response", model: "logistic")
        let html = dir.file("r.html")
        let result = try CLI.run(["report", model, site, "--out", html.path, "--svg-dir", dir.file("svg").path, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let page = try String(contentsOf: html, encoding: .utf8)
        let twin = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.file("r.json"))) as? [String: Any]
        let auc = try #require((twin?["numbers"] as? [String: Double])?["auc"])
        #expect(page.contains(String(format: "%.3f", auc)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("svg").path).contains("roc.svg"))
        let bad = try CLI.run(["report", model, site, "--out", dir.file("r.txt").path])
        #expect(bad.status == 64)
    }
}
