/// A line chart as a standalone SVG: ROC curves, calibration curves, decision curves, survival curves.
///
/// Each series may have a confidence band (drawn translucent under the line), be drawn as steps
/// (Kaplan–Meier), or dashed (references such as "treat all"). A diagonal reference line is optional
/// (ROC, calibration). Text is real SVG text, so the chart reads without JavaScript.
public struct LineChart: Sendable {
    public struct Series: Sendable {
        public var name: String
        public var x: [Double]
        public var y: [Double]
        public var lower: [Double]?
        public var upper: [Double]?
        public var steps: Bool
        public var dashed: Bool

        public init(name: String, x: [Double], y: [Double], lower: [Double]? = nil, upper: [Double]? = nil,
                    steps: Bool = false, dashed: Bool = false) {
            precondition(x.count == y.count, "series \(name): one y per x")
            self.name = name
            self.x = x
            self.y = y
            self.lower = lower
            self.upper = upper
            self.steps = steps
            self.dashed = dashed
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    public var xRange: ClosedRange<Double>?
    public var yRange: ClosedRange<Double>?
    public var diagonal: Bool
    public var width: Double = 560
    public var height: Double = 400
    /// Text rows drawn under the plot, aligned to x positions (numbers at risk): label → (x, text).
    public var footerRows: [(label: String, cells: [(x: Double, text: String)])] = []

    public init(title: String, xLabel: String, yLabel: String, series: [Series], xRange: ClosedRange<Double>? = nil,
                yRange: ClosedRange<Double>? = nil, diagonal: Bool = false) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.xRange = xRange
        self.yRange = yRange
        self.diagonal = diagonal
    }

    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#7f7f7f"]

    /// The chart as an `<svg>` element.
    public func svg() -> String {
        let left = 64.0, right = 16.0, top = 36.0
        let footerHeight = Double(footerRows.count) * 16 + (footerRows.isEmpty ? 0 : 24)
        let bottom = 48.0 + footerHeight
        let allX = series.flatMap(\.x), allY = series.flatMap { $0.y + ($0.lower ?? []) + ($0.upper ?? []) }
        let xr = xRange ?? { let r = Axis.paddedRange(allX, fraction: 0); return r.0...r.1 }()
        let yr = yRange ?? { let r = Axis.paddedRange(allY); return r.0...r.1 }()
        let xAxis = Axis(lower: xr.lowerBound, upper: xr.upperBound, pixelStart: left, pixelEnd: width - right)
        let yAxis = Axis(lower: yr.lowerBound, upper: yr.upperBound, pixelStart: height - bottom, pixelEnd: top)
        var s = ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \##(Markup.coordinate(width)) \##(Markup.coordinate(height))" width="\##(Markup.coordinate(width))" height="\##(Markup.coordinate(height))" role="img" font-family="Helvetica, Arial, sans-serif" font-size="12">"##
        s += "<title>\(Markup.escape(title))</title>"
        s += ##"<rect x="0" y="0" width="\##(Markup.coordinate(width))" height="\##(Markup.coordinate(height))" fill="white"/>"##
        s += ##"<text x="\##(Markup.coordinate(width / 2))" y="20" text-anchor="middle" font-size="14" font-weight="bold">\##(Markup.escape(title))</text>"##
        // Grid and ticks.
        for t in xAxis.ticks() {
            let x = Markup.coordinate(xAxis.pixel(t))
            s += ##"<line x1="\##(x)" y1="\##(Markup.coordinate(top))" x2="\##(x)" y2="\##(Markup.coordinate(height - bottom))" stroke="#e5e5e5"/>"##
            s += ##"<text x="\##(x)" y="\##(Markup.coordinate(height - bottom + 16))" text-anchor="middle">\##(Markup.tick(t))</text>"##
        }
        for t in yAxis.ticks() {
            let y = Markup.coordinate(yAxis.pixel(t))
            s += ##"<line x1="\##(Markup.coordinate(left))" y1="\##(y)" x2="\##(Markup.coordinate(width - right))" y2="\##(y)" stroke="#e5e5e5"/>"##
            s += ##"<text x="\##(Markup.coordinate(left - 6))" y="\##(y)" text-anchor="end" dominant-baseline="middle">\##(Markup.tick(t))</text>"##
        }
        s += ##"<rect x="\##(Markup.coordinate(left))" y="\##(Markup.coordinate(top))" width="\##(Markup.coordinate(width - left - right))" height="\##(Markup.coordinate(height - top - bottom))" fill="none" stroke="#333"/>"##
        s += ##"<text x="\##(Markup.coordinate((left + width - right) / 2))" y="\##(Markup.coordinate(height - bottom + 34))" text-anchor="middle">\##(Markup.escape(xLabel))</text>"##
        s += ##"<text transform="translate(16 \##(Markup.coordinate((top + height - bottom) / 2))) rotate(-90)" text-anchor="middle">\##(Markup.escape(yLabel))</text>"##
        if diagonal {
            let lo = max(xAxis.lower, yAxis.lower), hi = min(xAxis.upper, yAxis.upper)
            s += ##"<line x1="\##(Markup.coordinate(xAxis.pixel(lo)))" y1="\##(Markup.coordinate(yAxis.pixel(lo)))" x2="\##(Markup.coordinate(xAxis.pixel(hi)))" y2="\##(Markup.coordinate(yAxis.pixel(hi)))" stroke="#999" stroke-dasharray="4 4"/>"##
        }
        s += ##"<clipPath id="plot-area"><rect x="\##(Markup.coordinate(left))" y="\##(Markup.coordinate(top))" width="\##(Markup.coordinate(width - left - right))" height="\##(Markup.coordinate(height - top - bottom))"/></clipPath><g clip-path="url(#plot-area)">"##
        for (k, series) in series.enumerated() {
            let color = Self.palette[k % Self.palette.count]
            if let lower = series.lower, let upper = series.upper, lower.count == series.x.count, upper.count == series.x.count {
                let forward = points(series.x, upper, xAxis, yAxis, steps: series.steps)
                let backward = points(series.x, lower, xAxis, yAxis, steps: series.steps).reversed()
                s += ##"<polygon points="\##((forward + backward).joined(separator: " "))" fill="\##(color)" fill-opacity="0.15" stroke="none"/>"##
            }
            let dash = series.dashed ? ##" stroke-dasharray="6 4""## : ""
            s += ##"<polyline points="\##(points(series.x, series.y, xAxis, yAxis, steps: series.steps).joined(separator: " "))" fill="none" stroke="\##(color)" stroke-width="2"\##(dash)/>"##
        }
        s += "</g>"
        // Legend.
        for (k, series) in series.enumerated() {
            let y = top + 14 + Double(k) * 16
            let x = width - right - 170
            let color = Self.palette[k % Self.palette.count]
            s += ##"<line x1="\##(Markup.coordinate(x))" y1="\##(Markup.coordinate(y))" x2="\##(Markup.coordinate(x + 18))" y2="\##(Markup.coordinate(y))" stroke="\##(color)" stroke-width="2"\##(series.dashed ? ##" stroke-dasharray="6 4""## : "")/>"##
            s += ##"<text x="\##(Markup.coordinate(x + 24))" y="\##(Markup.coordinate(y))" dominant-baseline="middle">\##(Markup.escape(series.name))</text>"##
        }
        // Footer rows (numbers at risk).
        if !footerRows.isEmpty {
            let base = height - footerHeight + 12
            s += ##"<text x="\##(Markup.coordinate(left))" y="\##(Markup.coordinate(base - 4))" font-weight="bold">Number at risk</text>"##
            for (r, row) in footerRows.enumerated() {
                let y = base + 14 + Double(r) * 16
                s += ##"<text x="\##(Markup.coordinate(left - 6))" y="\##(Markup.coordinate(y))" text-anchor="end" fill="\##(Self.palette[r % Self.palette.count])">\##(Markup.escape(row.label))</text>"##
                for cell in row.cells where cell.x >= xAxis.lower && cell.x <= xAxis.upper {
                    s += ##"<text x="\##(Markup.coordinate(xAxis.pixel(cell.x)))" y="\##(Markup.coordinate(y))" text-anchor="middle">\##(Markup.escape(cell.text))</text>"##
                }
            }
        }
        s += "</svg>"
        return s
    }

    private func points(_ x: [Double], _ y: [Double], _ xAxis: Axis, _ yAxis: Axis, steps: Bool) -> [String] {
        var out: [String] = []
        for i in x.indices where x[i].isFinite && y[i].isFinite {
            let px = Markup.coordinate(xAxis.pixel(x[i])), py = Markup.coordinate(yAxis.pixel(y[i]))
            if steps, i > 0, y[i - 1].isFinite {
                out.append("\(px),\(Markup.coordinate(yAxis.pixel(y[i - 1])))")
            }
            out.append("\(px),\(py)")
        }
        return out
    }
}
