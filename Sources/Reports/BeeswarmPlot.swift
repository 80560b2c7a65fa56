import Explanation
import Foundation
import Learning

/// A SHAP beeswarm summary plot as a standalone SVG (shap's `summary_plot` / `plots.beeswarm`; Lundberg
/// et al. 2020, *Nat Mach Intell* 2:56, Fig. 3): one row per feature, ordered by mean |SHAP| (largest
/// first), one dot per patient at its SHAP value, coloured by the patient's feature value from low (blue)
/// to high (red), with a colour bar legend.
///
/// **Layout, as shap's.** In each row the SHAP values are cut into ``bins`` equal-width bins over the
/// row's range; within a bin, dots taken in order of SHAP value (ties by patient order) are stacked at
/// offsets 0, +1, −1, +2, −2, … and the offsets scaled so the widest stack fills 90 % of the row
/// height. This is deterministic (shap breaks ties with a tiny random jitter instead).
///
/// **Colour.** Feature values are mapped to [0, 1] between their 5th and 95th percentiles (shap's
/// `vmin`/`vmax`, so outliers do not wash out the scale), clipped, and coloured by linear RGB
/// interpolation from shap's blue `#008bfb` to its red `#ff0052`; missing values (NaN) are grey
/// `#777777`. A feature with a single value is drawn mid-scale.
///
/// - Complexity: O(F · n log n) for F shown features and n patients.
public struct BeeswarmPlot: Sendable {
    /// One feature's row: a SHAP value and a feature value per patient.
    public struct Feature: Sendable {
        public var name: String
        public var shap: [Double]
        /// The feature value of each patient (NaN for missing), same order as ``shap``.
        public var values: [Double]

        public init(name: String, shap: [Double], values: [Double]) {
            precondition(shap.count == values.count, "feature \(name): one value per SHAP value")
            self.name = name
            self.shap = shap
            self.values = values
        }

        /// Mean |SHAP|: the row's importance.
        public var meanAbsolute: Double {
            shap.isEmpty ? 0 : shap.reduce(0) { $0 + abs($1) } / Double(shap.count)
        }
    }

    public var title: String
    public var xLabel: String
    public var features: [Feature]
    /// Rows drawn, ≥ 1: the most important features. Default 20 (shap's `max_display`).
    public var maxFeatures: Int = 20
    /// Bins per row for stacking dots, ≥ 1. Default 100 (shap's).
    public var bins: Int = 100
    public var width: Double = 720
    public var rowHeight: Double = 28

    public init(title: String, xLabel: String, features: [Feature], maxFeatures: Int = 20) {
        self.title = title
        self.xLabel = xLabel
        self.features = features
        self.maxFeatures = maxFeatures
    }

    /// The plot of `shap`, with each patient's feature values from `values` (columns named like the SHAP
    /// features, rows in the same order, e.g. the matrix the explainer returned).
    public init(title: String = "SHAP summary", shap: SHAPValues, values: FeatureMatrix, maxFeatures: Int = 20) {
        precondition(values.rowCount == shap.rowCount, "one row of feature values per explained row")
        let n = shap.rowCount, p = shap.featureCount
        let features = (0..<p).map { j -> Feature in
            let column = values.index(of: shap.featureNames[j]).map { Array(values.column($0)) }
                ?? [Double](repeating: .nan, count: n)
            return Feature(name: shap.featureNames[j], shap: (0..<n).map { shap[$0, j] }, values: column)
        }
        self.init(title: title, xLabel: "SHAP value (\(shap.scale.rawValue) scale)", features: features,
                  maxFeatures: maxFeatures)
    }

    /// Indices of the features drawn, by decreasing mean |SHAP| (ties in input order).
    ///
    /// - Complexity: O(F · n + F log F).
    public var order: [Int] {
        let m = features.map(\.meanAbsolute)
        let sorted = features.indices.sorted { m[$0] != m[$1] ? m[$0] > m[$1] : $0 < $1 }
        return Array(sorted.prefix(max(maxFeatures, 1)))
    }

    /// Dot colour for a position `t` in [0, 1] on the low-to-high scale (NaN: missing, grey).
    ///
    /// - Complexity: O(1).
    public static func color(_ t: Double) -> String {
        guard t.isFinite else { return "#777777" }
        let u = min(max(t, 0), 1)
        let low = (0.0, 139.0, 251.0), high = (255.0, 0.0, 82.0)
        func channel(_ a: Double, _ b: Double) -> String {
            let v = Int((a + (b - a) * u).rounded())
            return String(format: "%02x", v)
        }
        return "#" + channel(low.0, high.0) + channel(low.1, high.1) + channel(low.2, high.2)
    }

    /// Each patient's position on the colour scale: (v − q05) / (q95 − q05), clipped to [0, 1]; NaN for
    /// missing values; 0.5 when the percentiles coincide.
    ///
    /// - Complexity: O(n log n).
    public static func colorPositions(_ values: [Double]) -> [Double] {
        let observed = values.filter { !$0.isNaN }.sorted()
        guard !observed.isEmpty else { return values.map { _ in .nan } }
        func percentile(_ q: Double) -> Double {
            let h = q * Double(observed.count - 1)
            let lo = Int(h.rounded(.down)), hi = min(lo + 1, observed.count - 1)
            return observed[lo] + (h - Double(lo)) * (observed[hi] - observed[lo])
        }
        var lower = percentile(0.05), upper = percentile(0.95)
        if upper <= lower { lower = observed.first!; upper = observed.last! }
        return values.map { v in
            if v.isNaN { return .nan }
            if upper <= lower { return 0.5 }
            return min(max((v - lower) / (upper - lower), 0), 1)
        }
    }

    /// Vertical offsets of a row's dots in units of the row half-height (in [−0.9, 0.9]), shap's binning.
    ///
    /// - Complexity: O(n log n).
    public static func offsets(_ shap: [Double], bins: Int) -> [Double] {
        let n = shap.count
        guard n > 0 else { return [] }
        let finite = shap.filter(\.isFinite)
        let lo = finite.min() ?? 0, hi = finite.max() ?? 0
        let bin = shap.map { v -> Int in
            guard v.isFinite else { return 0 }
            return Int((Double(bins) * (v - lo) / (hi - lo + 1e-8)).rounded())
        }
        let order = (0..<n).sorted { bin[$0] != bin[$1] ? bin[$0] < bin[$1] : $0 < $1 }
        var layer = 0, lastBin = Int.min
        var y = [Double](repeating: 0, count: n)
        for i in order {
            if bin[i] != lastBin { layer = 0 }
            let step = Double((layer + 1) / 2)
            y[i] = step * (layer % 2 == 1 ? 1 : -1)
            layer += 1
            lastBin = bin[i]
        }
        let widest = (y.map { abs($0) }.max() ?? 0) + 1
        return y.map { 0.9 * $0 / widest }
    }

    /// The plot as an `<svg>` element. Each feature row is a `<g>` whose `data-feature` attribute holds the
    /// (escaped) feature name, containing one `<circle>` per patient.
    ///
    /// - Complexity: O(F · n log n) for F drawn features.
    public func svg() -> String {
        let shown = order
        // Room for the longest label (about 6.6 px per character at 12 px), at least 180 px, at most 45% of the width.
        let longest = shown.map { features[$0].name.count }.max() ?? 0
        let left = min(max(180.0, 16 + 6.6 * Double(longest)), width * 0.45), right = 90.0, top = 40.0
        let plotHeight = Double(shown.count) * rowHeight
        let height = top + plotHeight + 48
        let allSHAP = shown.flatMap { features[$0].shap }
        var (lo, hi) = Axis.paddedRange(allSHAP)
        lo = min(lo, 0); hi = max(hi, 0)
        let axis = Axis(lower: lo, upper: hi, pixelStart: left, pixelEnd: width - right)
        let bottom = top + plotHeight
        var s = ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \##(Markup.coordinate(width)) \##(Markup.coordinate(height))" width="\##(Markup.coordinate(width))" height="\##(Markup.coordinate(height))" role="img" font-family="Helvetica, Arial, sans-serif" font-size="12">"##
        s += "<title>\(Markup.escape(title))</title>"
        s += ##"<rect x="0" y="0" width="\##(Markup.coordinate(width))" height="\##(Markup.coordinate(height))" fill="white"/>"##
        s += ##"<text x="\##(Markup.coordinate(width / 2))" y="20" text-anchor="middle" font-size="14" font-weight="bold">\##(Markup.escape(title))</text>"##
        let zero = Markup.coordinate(axis.pixel(0))
        s += ##"<line x1="\##(zero)" y1="\##(Markup.coordinate(top))" x2="\##(zero)" y2="\##(Markup.coordinate(bottom))" stroke="#999"/>"##
        for (r, f) in shown.enumerated() {
            let feature = features[f]
            let centre = top + (Double(r) + 0.5) * rowHeight
            s += ##"<line x1="\##(Markup.coordinate(left))" y1="\##(Markup.coordinate(centre))" x2="\##(Markup.coordinate(width - right))" y2="\##(Markup.coordinate(centre))" stroke="#eeeeee" stroke-dasharray="2 3"/>"##
            s += ##"<text x="\##(Markup.coordinate(left - 8))" y="\##(Markup.coordinate(centre))" text-anchor="end" dominant-baseline="middle">\##(Markup.escape(feature.name))</text>"##
            s += ##"<g data-feature="\##(Markup.escape(feature.name))">"##
            let colors = Self.colorPositions(feature.values)
            let dy = Self.offsets(feature.shap, bins: max(bins, 1))
            for i in feature.shap.indices where feature.shap[i].isFinite {
                let cx = Markup.coordinate(axis.pixel(feature.shap[i]))
                let cy = Markup.coordinate(centre + dy[i] * rowHeight / 2)
                s += ##"<circle cx="\##(cx)" cy="\##(cy)" r="2.5" fill="\##(Self.color(colors[i]))" fill-opacity="0.85"/>"##
            }
            s += "</g>"
        }
        s += ##"<line x1="\##(Markup.coordinate(left))" y1="\##(Markup.coordinate(bottom))" x2="\##(Markup.coordinate(width - right))" y2="\##(Markup.coordinate(bottom))" stroke="#333"/>"##
        for t in axis.ticks() {
            let x = Markup.coordinate(axis.pixel(t))
            s += ##"<line x1="\##(x)" y1="\##(Markup.coordinate(bottom))" x2="\##(x)" y2="\##(Markup.coordinate(bottom + 4))" stroke="#333"/>"##
            s += ##"<text x="\##(x)" y="\##(Markup.coordinate(bottom + 16))" text-anchor="middle">\##(Markup.tick(t))</text>"##
        }
        s += ##"<text x="\##(Markup.coordinate((left + width - right) / 2))" y="\##(Markup.coordinate(bottom + 34))" text-anchor="middle">\##(Markup.escape(xLabel))</text>"##
        s += legend(x: width - right + 30, top: top, bottom: max(bottom, top + 80))
        s += "</svg>"
        return s
    }

    /// The colour bar: a vertical gradient from low (bottom) to high (top), labelled.
    private func legend(x: Double, top: Double, bottom: Double) -> String {
        var s = ##"<defs><linearGradient id="beeswarm-scale" x1="0" y1="1" x2="0" y2="0">"##
        for k in 0...4 {
            let t = Double(k) / 4
            s += ##"<stop offset="\##(Markup.coordinate(t))" stop-color="\##(Self.color(t))"/>"##
        }
        s += "</linearGradient></defs>"
        s += ##"<rect class="legend" x="\##(Markup.coordinate(x))" y="\##(Markup.coordinate(top + 14))" width="10" height="\##(Markup.coordinate(bottom - top - 28))" fill="url(#beeswarm-scale)"/>"##
        s += ##"<text x="\##(Markup.coordinate(x + 5))" y="\##(Markup.coordinate(top + 8))" text-anchor="middle">High</text>"##
        s += ##"<text x="\##(Markup.coordinate(x + 5))" y="\##(Markup.coordinate(bottom))" text-anchor="middle">Low</text>"##
        s += ##"<text transform="translate(\##(Markup.coordinate(x + 26)) \##(Markup.coordinate((top + bottom) / 2))) rotate(-90)" text-anchor="middle">Feature value</text>"##
        return s
    }
}
