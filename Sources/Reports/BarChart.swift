/// A horizontal bar chart as a standalone SVG (feature importance, coverage), largest first.
public struct BarChart: Sendable {
    public var title: String
    public var xLabel: String
    public var bars: [(label: String, value: Double)]
    public var width: Double = 640

    public init(title: String, xLabel: String, bars: [(label: String, value: Double)]) {
        self.title = title
        self.xLabel = xLabel
        self.bars = bars
    }

    public func svg() -> String {
        let rowHeight = 20.0, top = 40.0, labelWidth = 200.0, right = 60.0
        let height = top + Double(bars.count) * rowHeight + 44
        let maximum = max(bars.map { abs($0.value) }.max() ?? 1, 1e-12)
        let axis = Axis(lower: 0, upper: maximum, pixelStart: labelWidth, pixelEnd: width - right)
        var s = ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \##(Markup.coordinate(width)) \##(Markup.coordinate(height))" width="\##(Markup.coordinate(width))" height="\##(Markup.coordinate(height))" role="img" font-family="Helvetica, Arial, sans-serif" font-size="12">"##
        s += "<title>\(Markup.escape(title))</title>"
        s += ##"<rect x="0" y="0" width="\##(Markup.coordinate(width))" height="\##(Markup.coordinate(height))" fill="white"/>"##
        s += ##"<text x="\##(Markup.coordinate(width / 2))" y="20" text-anchor="middle" font-size="14" font-weight="bold">\##(Markup.escape(title))</text>"##
        for (k, bar) in bars.enumerated() {
            let y = top + Double(k) * rowHeight
            s += ##"<text x="\##(Markup.coordinate(labelWidth - 8))" y="\##(Markup.coordinate(y + rowHeight / 2))" text-anchor="end" dominant-baseline="middle">\##(Markup.escape(bar.label))</text>"##
            s += ##"<rect x="\##(Markup.coordinate(labelWidth))" y="\##(Markup.coordinate(y + 3))" width="\##(Markup.coordinate(axis.pixel(abs(bar.value)) - labelWidth))" height="\##(Markup.coordinate(rowHeight - 6))" fill="\##(bar.value >= 0 ? "#1f77b4" : "#d62728")"/>"##
            s += ##"<text x="\##(Markup.coordinate(axis.pixel(abs(bar.value)) + 4))" y="\##(Markup.coordinate(y + rowHeight / 2))" dominant-baseline="middle">\##(Markup.tick(bar.value))</text>"##
        }
        s += ##"<text x="\##(Markup.coordinate((labelWidth + width - right) / 2))" y="\##(Markup.coordinate(height - 12))" text-anchor="middle">\##(Markup.escape(xLabel))</text>"##
        s += "</svg>"
        return s
    }
}
