import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Reports

@Suite("Volcano plot")
struct VolcanoPlotTests {
    /// Parses `svg`; returns every element with its attributes and text, or nil when it is not well formed.
    func elements(_ svg: String) -> [(name: String, attributes: [String: String], text: String)]? {
        final class Collector: NSObject, XMLParserDelegate {
            var items: [(name: String, attributes: [String: String], text: String)] = []
            var stack: [Int] = []
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                        qualifiedName: String?, attributes: [String: String] = [:]) {
                items.append((name, attributes, ""))
                stack.append(items.count - 1)
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) {
                if let i = stack.last { items[i].text += string }
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                stack.removeLast()
            }
        }
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        return parser.parse() ? collector.items : nil
    }

    static let points: [VolcanoPlot.Point] = [
        .init(label: "CXCL9", effect: 1, pValue: 1e-6, qValue: 1e-4),
        .init(label: "TGFB1 <&>", effect: -2, pValue: 1e-3, qValue: 0.02),
        .init(label: "noise1", effect: 0.5, pValue: 0.2, qValue: 0.6),
        .init(label: "noise2", effect: -0.3, pValue: 0.9, qValue: 0.95),
        .init(label: "untestable", effect: .nan, pValue: .nan, qValue: .nan),
    ]

    @Test("points sit at (effect, −log10 p), coloured by FDR significance and sign")
    func pointPositionsAndColours() throws {
        var plot = VolcanoPlot(title: "Response", xLabel: "log odds ratio", points: Self.points)
        plot.labelCount = 2
        let items = try #require(elements(plot.svg()))
        let circles = items.filter { $0.name == "circle" && $0.attributes["r"] == "3" }
        #expect(circles.count == 4)  // the NaN row is left out
        // Axis by hand: x from −2.2 to 2.2 over pixels 64…616; y from 0 to 6 × 1.08 over pixels 428…36.
        func px(_ e: Double) -> Double { 64 + (e + 2.2) / 4.4 * 552 }
        func py(_ p: Double) -> Double { 428 - (-log10(p)) / 6.48 * 392 }
        for (point, color) in zip(Self.points.prefix(4), [VolcanoPlot.colors.up, VolcanoPlot.colors.down,
                                                            VolcanoPlot.colors.neutral, VolcanoPlot.colors.neutral]) {
            let x: Double = px(point.effect), y: Double = py(point.pValue)
            let match = circles.first { c in
                let cx: Double = Double(c.attributes["cx"]!)!, cy: Double = Double(c.attributes["cy"]!)!
                return abs(cx - x) < 0.01 && abs(cy - y) < 0.01
            }
            let circle = try #require(match, "\(point.label) at (\(x), \(y))")
            #expect(circle.attributes["fill"] == color, "\(point.label)")
        }
    }

    @Test("the top hits are labelled (escaped) beside their points; thresholds at the BH boundary and ±effect")
    func labelsAndThresholds() throws {
        var plot = VolcanoPlot(title: "Response", xLabel: "log odds ratio", points: Self.points)
        plot.labelCount = 2
        plot.effectThreshold = 0.5
        let svg = plot.svg()
        #expect(svg.contains("TGFB1 &lt;&amp;&gt;"))
        let items = try #require(elements(svg))
        let labels = items.filter { $0.name == "text" && $0.attributes["class"] == "label" }
        #expect(labels.map(\.text) == ["CXCL9", "TGFB1 <&>"])
        // CXCL9 (x 465.45, left half? no: right half) is labelled to its left; TGFB1 (x 64 + 0.2/4.4·552) to its right.
        let cxcl9 = labels[0]
        let labelX: Double = Double(cxcl9.attributes["x"]!)!, labelY: Double = Double(cxcl9.attributes["y"]!)!
        let expectedX: Double = 64 + 3.2 / 4.4 * 552 - 5
        let expectedY: Double = 428 - 6 / 6.48 * 392 - 4
        #expect(abs(labelX - expectedX) < 0.01)
        #expect(cxcl9.attributes["text-anchor"] == "end")
        #expect(abs(labelY - expectedY) < 0.01)
        #expect(labels[1].attributes["text-anchor"] == "start")
        // FDR line at the largest significant p (1e-3), effect lines at ±0.5.
        let fdr = try #require(items.first { $0.attributes["class"] == "fdr-threshold" })
        let fdrY: Double = Double(fdr.attributes["y1"]!)!
        let expectedFDR: Double = 428 - 3 / 6.48 * 392
        #expect(abs(fdrY - expectedFDR) < 0.01)
        let effect: [Double] = items.filter { $0.attributes["class"] == "effect-threshold" }.map { Double($0.attributes["x1"]!)! }
        let expectedEffect: [Double] = [-0.5, 0.5].map { (e: Double) -> Double in 64 + (e + 2.2) / 4.4 * 552 }
        #expect(effect.count == 2)
        #expect(zip(effect, expectedEffect).allSatisfy { abs($0.0 - $0.1) < 0.01 })
        // Nothing significant: no FDR line.
        let none = VolcanoPlot(title: "t", xLabel: "x", points: [.init(label: "a", effect: 0.1, pValue: 0.5, qValue: 0.9)])
        #expect(!none.svg().contains("fdr-threshold"))
        #expect(elements(none.svg()) != nil)
    }

    @Test("a p-value of 0 is drawn at the top instead of disappearing")
    func zeroPValue() throws {
        let plot = VolcanoPlot(title: "t", xLabel: "x", points: [.init(label: "z", effect: 1, pValue: 0, qValue: 0),
                                                                  .init(label: "b", effect: -1, pValue: 0.5, qValue: 0.5)])
        let layout = plot.layout()
        #expect(layout.count == 2)
        #expect(layout[0].y < layout[1].y)
        #expect(layout[0].y.isFinite && layout[0].y >= 36)
    }
}
