import Explanation
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Learning
import Testing
@testable import Reports

@Suite("Beeswarm plot")
struct BeeswarmPlotTests {
    /// The circles of each `<g data-feature>` group, in document order: (feature, [fill]).
    func rows(_ svg: String) -> [(feature: String, fills: [String], cx: [Double])]? {
        final class Collector: NSObject, XMLParserDelegate {
            var rows: [(feature: String, fills: [String], cx: [Double])] = []
            var inside = false
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                        qualifiedName: String?, attributes: [String: String] = [:]) {
                if name == "g", let feature = attributes["data-feature"] {
                    rows.append((feature, [], [])); inside = true
                } else if name == "circle", inside {
                    rows[rows.count - 1].fills.append(attributes["fill"] ?? "")
                    rows[rows.count - 1].cx.append(Double(attributes["cx"] ?? "") ?? .nan)
                }
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                if name == "g" { inside = false }
            }
        }
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        return parser.parse() ? collector.rows : nil
    }

    static let shap = SHAPValues(
        featureNames: ["small", "large & <bold>", "medium"], rowCount: 4,
        values: [0.01, -2.0, 0.5,
                 -0.02, 1.5, -0.4,
                 0.01, 2.5, 0.3,
                 0.0, -1.0, -0.6],
        baseValue: 0, outputs: [-1.49, 1.08, 2.81, -1.6], scale: .logOdds)

    static let values = FeatureMatrix(names: ["small", "large & <bold>", "medium"],
                                      columns: [[1, 2, 3, 4], [10, .nan, 30, 40], [5, 5, 5, 5]])

    @Test("rows are ordered by mean |SHAP| with one dot per patient, names escaped, well-formed")
    func orderAndCounts() throws {
        let plot = BeeswarmPlot(title: "SHAP \"summary\"", shap: Self.shap, values: Self.values)
        #expect(plot.order == [1, 2, 0])
        let svg = plot.svg()
        let parsed = try #require(rows(svg))
        #expect(parsed.map(\.feature) == ["large & <bold>", "medium", "small"])
        #expect(parsed.allSatisfy { $0.fills.count == 4 })
        #expect(svg.contains("large &amp; &lt;bold&gt;"))
        #expect(svg.contains("SHAP &quot;summary&quot;"))
        #expect(svg.contains("Feature value") && svg.contains(">High<") && svg.contains(">Low<"))
        // Dots sit at their SHAP values: in the first row, x increases with the SHAP value.
        let first = parsed[0].cx
        #expect(first[3] < first[1] && first[1] < first[2] && first[0] < first[3])
    }

    @Test("colours: low values blue, high values red, missing grey, constant features mid-scale")
    func colours() throws {
        let svg = BeeswarmPlot(shap: Self.shap, values: Self.values).svg()
        let parsed = try #require(rows(svg))
        let large = try #require(parsed.first { $0.feature == "large & <bold>" })
        // Values 10, NaN, 30, 40: the 5th–95th percentiles of {10, 30, 40} are 12 and 39.
        #expect(large.fills[0] == BeeswarmPlot.color(0))
        #expect(large.fills[1] == "#777777")
        #expect(large.fills[3] == BeeswarmPlot.color(1))
        #expect(large.fills[2] == BeeswarmPlot.color((30 - 12) / (39 - 12.0)))
        let medium = try #require(parsed.first { $0.feature == "medium" })
        #expect(Set(medium.fills) == [BeeswarmPlot.color(0.5)])
        #expect(BeeswarmPlot.color(0) == "#008bfb")
        #expect(BeeswarmPlot.color(1) == "#ff0052")
        #expect(BeeswarmPlot.color(2) == "#ff0052", "positions are clipped")
        #expect(BeeswarmPlot.colorPositions([10, .nan, 30, 40]).enumerated().allSatisfy { i, t in
            i == 1 ? t.isNaN : t >= 0 && t <= 1
        })
    }

    @Test("maxFeatures keeps the most important rows; stacking is deterministic and symmetric")
    func truncationAndStacking() throws {
        var plot = BeeswarmPlot(shap: Self.shap, values: Self.values)
        plot.maxFeatures = 2
        #expect(try #require(rows(plot.svg())).map(\.feature) == ["large & <bold>", "medium"])
        // Five equal values fall in one bin: offsets 0, +1, −1, +2, −2 scaled by 0.9 / 3.
        let offsets = BeeswarmPlot.offsets([1, 1, 1, 1, 1], bins: 100)
        let unit = 0.9 / 3
        #expect(zip(offsets, [0, unit, -unit, 2 * unit, -2 * unit]).allSatisfy { abs($0 - $1) < 1e-12 })
        // Well-separated values each get their own bin and stay on the centre line.
        #expect(BeeswarmPlot.offsets([0, 1, 2], bins: 100) == [0, 0, 0])
        #expect(plot.svg() == plot.svg())
    }
}
