import Foundation

/// One self-contained HTML page: inline CSS and inline SVG figures, no scripts and no external assets,
/// so it opens offline, prints, and reads without JavaScript. Every number shown is also recorded in
/// ``numbers`` for the JSON twin of the report.
public struct HTMLReport: Sendable {
    public var title: String
    public var subtitle: String
    private var body: String = ""
    private var contents: [(id: String, title: String)] = []
    /// Every number in the report by a stable key ("validation.auc", "subgroup.sex=female.auc"…).
    public private(set) var numbers: [String: Double] = [:]

    public init(title: String, subtitle: String = "") {
        self.title = title
        self.subtitle = subtitle
    }

    /// Starts a section with an anchor `id` (used by the TRIPOD checklist to point into the report).
    public mutating func section(_ id: String, _ heading: String) {
        contents.append((id, heading))
        body += "<section id=\"\(Markup.escape(id))\"><h2>\(Markup.escape(heading))</h2>\n"
    }

    public mutating func endSection() { body += "</section>\n" }

    public mutating func paragraph(_ text: String) { body += "<p>\(Markup.escape(text))</p>\n" }

    /// A note set apart (warnings, limitations).
    public mutating func note(_ text: String) { body += "<p class=\"note\">\(Markup.escape(text))</p>\n" }

    /// A table; cells are text. `numericColumns` are right-aligned.
    public mutating func table(columns: [String], rows: [[String]], caption: String? = nil, numericColumns: Set<Int> = []) {
        body += "<table>"
        if let caption { body += "<caption>\(Markup.escape(caption))</caption>" }
        body += "<thead><tr>" + columns.map { "<th>\(Markup.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for row in rows {
            body += "<tr>" + row.enumerated().map { k, cell in
                numericColumns.contains(k) ? "<td class=\"num\">\(Markup.escape(cell))</td>" : "<td>\(Markup.escape(cell))</td>"
            }.joined() + "</tr>"
        }
        body += "</tbody></table>\n"
    }

    /// An inline SVG figure with a caption.
    public mutating func figure(_ svg: String, caption: String) {
        body += "<figure>\(svg)<figcaption>\(Markup.escape(caption))</figcaption></figure>\n"
    }

    /// A definition list (model card fields).
    public mutating func definitions(_ items: [(term: String, text: String)]) {
        body += "<dl>" + items.map { "<dt>\(Markup.escape($0.term))</dt><dd>\(Markup.escape($0.text))</dd>" }.joined() + "</dl>\n"
    }

    /// Records a number for the JSON twin.
    public mutating func record(_ key: String, _ value: Double) { numbers[key] = value }

    /// Appends the sections of `other` (another analysis's page) after this page's, with its numbers under
    /// `prefix` + "." in the JSON twin. Section anchors are kept, so give the pages distinct section ids.
    public mutating func append(_ other: HTMLReport, prefix: String) {
        body += other.body
        contents += other.contents
        for (key, value) in other.numbers { numbers["\(prefix).\(key)"] = value }
    }

    /// The complete page.
    public func html() -> String {
        let toc = contents.map { "<li><a href=\"#\(Markup.escape($0.id))\">\(Markup.escape($0.title))</a></li>" }.joined()
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Markup.escape(title))</title>
            <style>
            body{font-family:Helvetica,Arial,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
            h1{margin-bottom:0}.subtitle{color:#555;margin-top:.2em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}
            table{border-collapse:collapse;margin:1em 0;font-size:14px}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left}
            th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums}caption{text-align:left;font-weight:bold;margin-bottom:.3em}
            figure{margin:1em 0}figcaption{color:#555;font-size:13px}svg{max-width:100%;height:auto}
            .note{background:#fff8e1;border-left:4px solid #f0b400;padding:.5em .8em}dt{font-weight:bold;margin-top:.6em}dd{margin-left:1.5em}
            nav ol{columns:2}
            </style></head><body>
            <h1>\(Markup.escape(title))</h1><p class="subtitle">\(Markup.escape(subtitle))</p>
            <nav><ol>\(toc)</ol></nav>
            \(body)
            </body></html>
            """
    }

    /// The numbers as pretty JSON (sorted keys).
    public func json(extra: [String: String] = [:]) throws -> Data {
        struct Twin: Encodable {
            var title: String
            var numbers: [String: Double]
            var details: [String: String]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(Twin(title: title, numbers: numbers, details: extra))
    }
}
