import Foundation

/// A volcano plot as a standalone SVG: every tested feature as a point at (effect, −log₁₀ p), coloured by
/// FDR significance and direction, with the top hits labelled and dashed threshold lines at the FDR
/// cut-off (the largest p with q ≤ the cut-off, the Benjamini–Hochberg boundary) and at ±``effectThreshold``.
///
/// The effect is on a scale centred at 0: log odds ratio, log hazard ratio, or AUC − 0.5 (``AssociationResult``'s
/// `logEffect`). Points with a missing p-value or effect are left out; p-values of 0 are drawn at the top of the
/// axis (−log₁₀ of the smallest positive double) so they do not vanish. Labels are escaped text.
///
/// - Complexity: O(m log m) for m points (sorting for the labels).
public struct VolcanoPlot: Sendable {
    public struct Point: Sendable, Hashable {
        public var label: String
        /// Effect centred at 0 (log OR, log HR, AUC − ½).
        public var effect: Double
        public var pValue: Double
        public var qValue: Double

        public init(label: String, effect: Double, pValue: Double, qValue: Double) {
            self.label = label
            self.effect = effect
            self.pValue = pValue
            self.qValue = qValue
        }
    }

    public var title: String
    public var xLabel: String
    public var points: [Point]
    /// Points with q ≤ this are significant (coloured). Default 0.05.
    public var fdrThreshold: Double = 0.05
    /// Vertical lines at ±this effect (0 = none). Default 0.
    public var effectThreshold: Double = 0
    /// How many of the smallest-p points are labelled. Default 10.
    public var labelCount: Int = 10
    public var width: Double = 640
    public var height: Double = 480

    /// Colours: not significant, significant with a positive effect, significant with a negative effect.
    public static let colors = (neutral: "#b0b0b0", up: "#d62728", down: "#1f77b4")

    public init(title: String, xLabel: String, points: [Point]) {
        self.title = title
        self.xLabel = xLabel
        self.points = points
    }

    /// The plotted (finite) points and their pixel positions, in input order: for tests and overlays.
    public func layout() -> [(point: Point, x: Double, y: Double)] {
        let (xAxis, yAxis) = axes()
        return drawn().map { ($0, xAxis.pixel($0.effect), yAxis.pixel(Self.height(of: $0.pValue))) }
    }

    /// The p-value at which the significance line is drawn: the largest p among points with q ≤ the threshold.
    public var significanceBoundary: Double? {
        drawn().filter { $0.qValue <= fdrThreshold }.map(\.pValue).max()
    }

    static func height(of p: Double) -> Double { -log10(max(p, Double.leastNormalMagnitude)) }

    func drawn() -> [Point] { points.filter { $0.effect.isFinite && $0.pValue.isFinite && $0.pValue >= 0 } }

    var margins: (left: Double, right: Double, top: Double, bottom: Double) { (64, 24, 36, 52) }

    func axes() -> (Axis, Axis) {
        let m = margins
        let ps = drawn()
        let maxAbs = max(ps.map { abs($0.effect) }.max() ?? 1, effectThreshold, 1e-9)
        let xAxis = Axis(lower: -maxAbs * 1.1, upper: maxAbs * 1.1, pixelStart: m.left, pixelEnd: width - m.right)
        let top = max(ps.map { Self.height(of: $0.pValue) }.max() ?? 1, 1) * 1.08
        let yAxis = Axis(lower: 0, upper: top, pixelStart: height - m.bottom, pixelEnd: m.top)
        return (xAxis, yAxis)
    }

    /// The chart as an `<svg>` element.
    public func svg() -> String {
        let m = margins
        let (xAxis, yAxis) = axes()
        var s = ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \##(Markup.coordinate(width)) \##(Markup.coordinate(height))" width="\##(Markup.coordinate(width))" height="\##(Markup.coordinate(height))" role="img" font-family="Helvetica, Arial, sans-serif" font-size="12">"##
        s += "<title>\(Markup.escape(title))</title>"
        s += ##"<rect x="0" y="0" width="\##(Markup.coordinate(width))" height="\##(Markup.coordinate(height))" fill="white"/>"##
        s += ##"<text x="\##(Markup.coordinate(width / 2))" y="20" text-anchor="middle" font-size="14" font-weight="bold">\##(Markup.escape(title))</text>"##
        for t in xAxis.ticks() {
            let x = Markup.coordinate(xAxis.pixel(t))
            s += ##"<line x1="\##(x)" y1="\##(Markup.coordinate(m.top))" x2="\##(x)" y2="\##(Markup.coordinate(height - m.bottom))" stroke="#e5e5e5"/>"##
            s += ##"<text x="\##(x)" y="\##(Markup.coordinate(height - m.bottom + 16))" text-anchor="middle">\##(Markup.tick(t))</text>"##
        }
        for t in yAxis.ticks() {
            let y = Markup.coordinate(yAxis.pixel(t))
            s += ##"<line x1="\##(Markup.coordinate(m.left))" y1="\##(y)" x2="\##(Markup.coordinate(width - m.right))" y2="\##(y)" stroke="#e5e5e5"/>"##
            s += ##"<text x="\##(Markup.coordinate(m.left - 6))" y="\##(y)" text-anchor="end" dominant-baseline="middle">\##(Markup.tick(t))</text>"##
        }
        s += ##"<rect x="\##(Markup.coordinate(m.left))" y="\##(Markup.coordinate(m.top))" width="\##(Markup.coordinate(width - m.left - m.right))" height="\##(Markup.coordinate(height - m.top - m.bottom))" fill="none" stroke="#333"/>"##
        s += ##"<text x="\##(Markup.coordinate((m.left + width - m.right) / 2))" y="\##(Markup.coordinate(height - m.bottom + 36))" text-anchor="middle">\##(Markup.escape(xLabel))</text>"##
        s += ##"<text transform="translate(16 \##(Markup.coordinate((m.top + height - m.bottom) / 2))) rotate(-90)" text-anchor="middle">−log10 p</text>"##
        // Threshold lines.
        if let boundary = significanceBoundary {
            let y = Markup.coordinate(yAxis.pixel(Self.height(of: boundary)))
            s += ##"<line class="fdr-threshold" x1="\##(Markup.coordinate(m.left))" y1="\##(y)" x2="\##(Markup.coordinate(width - m.right))" y2="\##(y)" stroke="#555" stroke-dasharray="4 4"/>"##
            s += ##"<text x="\##(Markup.coordinate(width - m.right - 4))" y="\##(Markup.coordinate(yAxis.pixel(Self.height(of: boundary)) - 4))" text-anchor="end" fill="#555">\##(Markup.escape("q = \(Markup.tick(fdrThreshold))"))</text>"##
        }
        if effectThreshold > 0 {
            for e in [-effectThreshold, effectThreshold] {
                let x = Markup.coordinate(xAxis.pixel(e))
                s += ##"<line class="effect-threshold" x1="\##(x)" y1="\##(Markup.coordinate(m.top))" x2="\##(x)" y2="\##(Markup.coordinate(height - m.bottom))" stroke="#555" stroke-dasharray="4 4"/>"##
            }
        }
        let zero = Markup.coordinate(xAxis.pixel(0))
        s += ##"<line x1="\##(zero)" y1="\##(Markup.coordinate(m.top))" x2="\##(zero)" y2="\##(Markup.coordinate(height - m.bottom))" stroke="#999"/>"##
        // Points: non-significant first so that significant ones are drawn on top.
        let placed = layout()
        let order = placed.indices.sorted { a, b in
            let sa = placed[a].point.qValue <= fdrThreshold, sb = placed[b].point.qValue <= fdrThreshold
            return sa != sb ? !sa : a < b
        }
        for i in order {
            let (point, x, y) = placed[i]
            let significant = point.qValue <= fdrThreshold
            let color = !significant ? Self.colors.neutral : (point.effect >= 0 ? Self.colors.up : Self.colors.down)
            s += ##"<circle cx="\##(Markup.coordinate(x))" cy="\##(Markup.coordinate(y))" r="3" fill="\##(color)" fill-opacity="0.8"><title>\##(Markup.escape(point.label))</title></circle>"##
        }
        // Labels of the top hits.
        let top = placed.indices.sorted { (placed[$0].point.pValue, $0) < (placed[$1].point.pValue, $1) }.prefix(max(labelCount, 0))
        for i in top {
            let (point, x, y) = placed[i]
            let right = x < (m.left + width - m.right) / 2
            s += ##"<text class="label" x="\##(Markup.coordinate(x + (right ? 5 : -5)))" y="\##(Markup.coordinate(y - 4))" text-anchor="\##(right ? "start" : "end")" font-size="11">\##(Markup.escape(point.label))</text>"##
        }
        // Legend.
        let legend: [(String, String)] = [(Self.colors.up, "q ≤ \(Markup.tick(fdrThreshold)), effect > 0"),
                                          (Self.colors.down, "q ≤ \(Markup.tick(fdrThreshold)), effect < 0"),
                                          (Self.colors.neutral, "not significant")]
        for (k, (color, text)) in legend.enumerated() {
            let y = m.top + 14 + Double(k) * 16, x = m.left + 10
            s += ##"<circle cx="\##(Markup.coordinate(x))" cy="\##(Markup.coordinate(y))" r="4" fill="\##(color)"/>"##
            s += ##"<text x="\##(Markup.coordinate(x + 10))" y="\##(Markup.coordinate(y))" dominant-baseline="middle">\##(Markup.escape(text))</text>"##
        }
        s += "</svg>"
        return s
    }
}
