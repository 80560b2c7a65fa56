import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Reports

@Suite("SVG charts")
struct ChartTests {
    /// Parses `svg` as XML; returns the element names in order, or nil when it is not well formed.
    func elements(_ svg: String) -> [String]? {
        final class Collector: NSObject, XMLParserDelegate {
            var names: [String] = []
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                        qualifiedName: String?, attributes: [String: String] = [:]) { names.append(name) }
        }
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        return parser.parse() ? collector.names : nil
    }

    @Test("a line chart is well-formed SVG with one polyline per series, a band and escaped text")
    func lineChart() throws {
        var chart = LineChart(title: "ROC <validation> & \"site 4\"", xLabel: "1 − specificity", yLabel: "sensitivity",
                              series: [
                                .init(name: "model", x: [0, 0.2, 1], y: [0, 0.7, 1], lower: [0, 0.6, 1], upper: [0, 0.8, 1]),
                                .init(name: "KM", x: [0, 5, 10], y: [1, 0.8, 0.5], steps: true, dashed: true),
                              ], xRange: 0...1, yRange: 0...1, diagonal: true)
        chart.footerRows = [(label: "model", cells: [(x: 0, text: "100"), (x: 0.5, text: "40")])]
        let svg = chart.svg()
        let names = try #require(elements(svg))
        #expect(names.first == "svg")
        #expect(names.filter { $0 == "polyline" }.count == 2)
        #expect(names.filter { $0 == "polygon" }.count == 1)
        #expect(svg.contains("ROC &lt;validation&gt; &amp; &quot;site 4&quot;"))
        #expect(svg.contains("Number at risk"))
        // The step series doubles its interior points: (5, previous y) then (5, new y).
        #expect(svg.components(separatedBy: "<polyline").last!.split(separator: " ").count > 3)
    }

    @Test("forest plots mark summary rows with a diamond and print the annotations")
    func forest() throws {
        let plot = ForestPlot(title: "AUC by cohort", xLabel: "AUC", rows: [
            .init(label: "Riaz", estimate: 0.7, lower: 0.55, upper: 0.85, annotation: "0.70 (0.55–0.85)"),
            .init(label: "Pooled", estimate: 0.65, lower: 0.6, upper: 0.7, annotation: "0.65", isSummary: true),
        ], reference: 0.5)
        let svg = plot.svg()
        let names = try #require(elements(svg))
        #expect(names.filter { $0 == "polygon" }.count == 1)
        #expect(svg.contains("0.70 (0.55–0.85)"))
    }

    @Test("axis ticks are round numbers covering the range")
    func ticks() {
        let axis = Axis(lower: 0, upper: 1, pixelStart: 0, pixelEnd: 100)
        let ticks = axis.ticks()
        #expect(ticks.count == 6)
        #expect(zip(ticks, [0, 0.2, 0.4, 0.6, 0.8, 1]).allSatisfy { abs($0.0 - $0.1) < 1e-12 })
        #expect(axis.pixel(0.5) == 50)
        let wide = Axis(lower: 3, upper: 97, pixelStart: 0, pixelEnd: 1)
        #expect(wide.ticks().allSatisfy { $0 >= 3 && $0 <= 97 && $0.truncatingRemainder(dividingBy: 10) == 0 })
        #expect(Markup.tick(0.25) == "0.25" && Markup.tick(12) == "12" && Markup.tick(0.1234) == "0.123")
    }

    @Test("bar charts scale bars to the largest value")
    func bars() throws {
        let svg = BarChart(title: "importance", xLabel: "gain", bars: [(label: "TMB", value: 2), (label: "NLR", value: 1)]).svg()
        #expect(elements(svg) != nil)
        #expect(svg.contains(">TMB<") && svg.contains(">NLR<"))
    }
}
