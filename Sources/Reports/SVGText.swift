/// Escaping and number formatting for SVG and HTML text.
enum Markup {
    /// Text safe inside XML/HTML element content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A coordinate with two decimals (enough for screen pixels, keeps files small).
    static func coordinate(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let r = (v * 100).rounded() / 100
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    /// A tick label: up to 3 significant digits, no trailing zeros.
    static func tick(_ v: Double) -> String {
        if v == 0 { return "0" }
        if abs(v) >= 1000 || v == v.rounded() { return String(Int(v.rounded())) }
        var text = String(format: "%.3g", v)
        if text.contains("."), !text.contains("e") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}

import Foundation
