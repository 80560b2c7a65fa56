/// A forest plot as a standalone SVG: one row per subgroup or cohort with a point estimate and its
/// confidence interval, a vertical reference line (0.5 for AUC, 1 for hazard ratios) and the
/// numbers printed on the right, so that the figure carries its own table.
public struct ForestPlot: Sendable {
    public struct Row: Sendable {
        public var label: String
        public var estimate: Double
        public var lower: Double
        public var upper: Double
        /// Text on the right, e.g. "0.71 (0.64–0.78), n = 120".
        public var annotation: String
        /// Summary rows (pooled estimates) are drawn as diamonds.
        public var isSummary: Bool

        public init(label: String, estimate: Double, lower: Double, upper: Double, annotation: String = "",
                    isSummary: Bool = false) {
            self.label = label
            self.estimate = estimate
            self.lower = lower
            self.upper = upper
            self.annotation = annotation
            self.isSummary = isSummary
        }
    }

    public var title: String
    public var xLabel: String
    public var rows: [Row]
    public var reference: Double?
    public var width: Double = 720
    /// Pixels for the row labels on the left (default 200).
    public var labelWidth: Double = 200

    public init(title: String, xLabel: String, rows: [Row], reference: Double? = nil) {
        self.title = title
        self.xLabel = xLabel
        self.rows = rows
        self.reference = reference
    }

    public func svg() -> String {
        let rowHeight = 22.0, top = 40.0, annotationWidth = 200.0
        let height = top + Double(rows.count) * rowHeight + 48
        let values = rows.flatMap { [$0.lower, $0.upper, $0.estimate] } + (reference.map { [$0] } ?? [])
        let (lo, hi) = Axis.paddedRange(values)
        let axis = Axis(lower: lo, upper: hi, pixelStart: labelWidth, pixelEnd: width - annotationWidth)
        let bottom = top + Double(rows.count) * rowHeight
        var s = ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \##(Markup.coordinate(width)) \##(Markup.coordinate(height))" width="\##(Markup.coordinate(width))" height="\##(Markup.coordinate(height))" role="img" font-family="Helvetica, Arial, sans-serif" font-size="12">"##
        s += "<title>\(Markup.escape(title))</title>"
        s += ##"<rect x="0" y="0" width="\##(Markup.coordinate(width))" height="\##(Markup.coordinate(height))" fill="white"/>"##
        s += ##"<text x="\##(Markup.coordinate(width / 2))" y="20" text-anchor="middle" font-size="14" font-weight="bold">\##(Markup.escape(title))</text>"##
        if let reference {
            let x = Markup.coordinate(axis.pixel(reference))
            s += ##"<line x1="\##(x)" y1="\##(Markup.coordinate(top - 6))" x2="\##(x)" y2="\##(Markup.coordinate(bottom))" stroke="#999" stroke-dasharray="4 4"/>"##
        }
        for (k, row) in rows.enumerated() {
            let y = top + Double(k) * rowHeight + rowHeight / 2
            let cy = Markup.coordinate(y)
            s += ##"<text x="\##(Markup.coordinate(labelWidth - 10))" y="\##(cy)" text-anchor="end" dominant-baseline="middle"\##(row.isSummary ? ##" font-weight="bold""## : "")>\##(Markup.escape(row.label))</text>"##
            if row.estimate.isFinite {
                let x0 = axis.pixel(row.lower.isFinite ? row.lower : row.estimate)
                let x1 = axis.pixel(row.upper.isFinite ? row.upper : row.estimate)
                let xm = axis.pixel(row.estimate)
                if row.isSummary {
                    s += ##"<polygon points="\##(Markup.coordinate(x0)),\##(cy) \##(Markup.coordinate(xm)),\##(Markup.coordinate(y - 7)) \##(Markup.coordinate(x1)),\##(cy) \##(Markup.coordinate(xm)),\##(Markup.coordinate(y + 7))" fill="#333"/>"##
                } else {
                    s += ##"<line x1="\##(Markup.coordinate(x0))" y1="\##(cy)" x2="\##(Markup.coordinate(x1))" y2="\##(cy)" stroke="#1f77b4" stroke-width="2"/>"##
                    s += ##"<rect x="\##(Markup.coordinate(xm - 4))" y="\##(Markup.coordinate(y - 4))" width="8" height="8" fill="#1f77b4"/>"##
                }
            }
            s += ##"<text x="\##(Markup.coordinate(width - annotationWidth + 10))" y="\##(cy)" dominant-baseline="middle">\##(Markup.escape(row.annotation))</text>"##
        }
        s += ##"<line x1="\##(Markup.coordinate(labelWidth))" y1="\##(Markup.coordinate(bottom))" x2="\##(Markup.coordinate(width - annotationWidth))" y2="\##(Markup.coordinate(bottom))" stroke="#333"/>"##
        for t in axis.ticks() {
            let x = Markup.coordinate(axis.pixel(t))
            s += ##"<line x1="\##(x)" y1="\##(Markup.coordinate(bottom))" x2="\##(x)" y2="\##(Markup.coordinate(bottom + 4))" stroke="#333"/>"##
            s += ##"<text x="\##(x)" y="\##(Markup.coordinate(bottom + 16))" text-anchor="middle">\##(Markup.tick(t))</text>"##
        }
        s += ##"<text x="\##(Markup.coordinate((labelWidth + width - annotationWidth) / 2))" y="\##(Markup.coordinate(bottom + 34))" text-anchor="middle">\##(Markup.escape(xLabel))</text>"##
        s += "</svg>"
        return s
    }
}
