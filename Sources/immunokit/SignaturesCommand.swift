import ArgumentParser
import Foundation
import ImmunoKit

/// `immunokit signatures`: the bundled signature catalog with citations.
struct SignaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signatures",
        abstract: "List the bundled immuno-oncology signature catalog with citations, methods and genes.",
        discussion: """
            Each signature records its publication (PMID, DOI), where the gene list was taken from, the
            scoring method it was published with, the input unit it expects and the direction of its
            association with response to immune checkpoint blockade.

            Examples:
              immunokit signatures
              immunokit signatures --name GEP_18
              immunokit signatures --json > catalog.json
            """
    )

    @Option(help: "Show one signature (name or alias) in full.")
    var name: String?

    @Flag(help: "Write the catalog (or the one signature) as JSON to standard output.")
    var json = false

    func run() throws {
        try reportingErrors {
            let catalog = try SignatureCatalog.builtIn()
            let selected = try name.map { try catalog.signatures(named: [$0]) } ?? catalog.signatures
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                encoder.keyEncodingStrategy = .convertToSnakeCase
                Terminal.output(String(decoding: try encoder.encode(selected), as: UTF8.self) + "\n")
                return
            }
            if name != nil, let s = selected.first {
                var text = "\(s.name)"
                if !s.aliases.isEmpty { text += " (also: \(s.aliases.joined(separator: ", ")))" }
                text += "\n  \(s.description)\n"
                text += "  method: \(s.method.rawValue); expects \(s.expectedUnit.rawValue); direction: \(s.direction.rawValue)\n"
                text += "  context: \(s.context)\n"
                text += "  citation: \(s.citation.reference) PMID \(s.citation.pmid), doi:\(s.citation.doi)\n"
                text += "  source: \(s.source)\n"
                if !s.genes.up.isEmpty { text += "  genes (up, \(s.genes.up.count)): \(s.genes.up.joined(separator: " "))\n" }
                if !s.genes.down.isEmpty { text += "  genes (down, \(s.genes.down.count)): \(s.genes.down.joined(separator: " "))\n" }
                if let w = s.weights { text += "  weights: " + w.map { "\($0.gene) \(formatNumber($0.weight))" }.joined(separator: ", ") + "\n" }
                if let h = s.housekeeping { text += "  housekeeping: \(h.joined(separator: " "))\n" }
                if let p = s.pairs { text += "  pairs: " + p.map { "\($0.high)>\($0.low)" }.joined(separator: ", ") + "\n" }
                if let c = s.combination { text += "  combination: \(c.kind.rawValue) of \(c.components.joined(separator: ", "))\n" }
                if let e = s.externalWeights { text += "  weights not bundled: \(e.file) column \(e.column) (\(e.licence))\n" }
                if let notes = s.notes { text += "  notes: \(notes)\n" }
                Terminal.output(text)
                return
            }
            var table = DataTable(columns: ["name", "method", "genes", "direction", "pmid", "citation"])
            for s in selected {
                let genes = s.combination.map { "(\($0.kind.rawValue))" } ?? (s.externalWeights != nil ? "(external)" : String(s.allGenes.count))
                let short = s.citation.reference.split(separator: ".").first.map(String.init) ?? s.citation.reference
                table.append([s.name, s.method.rawValue, genes, s.direction.rawValue, s.citation.pmid, short])
            }
            Terminal.output(table.tsv())
        }
    }
}
