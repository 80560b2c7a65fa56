extension GeneIdentifierHarmonizer {
    /// Renames the genes of `block` to approved symbols.
    ///
    /// Each input identifier is looked up with ``resolve(_:)``. Rows that resolve are renamed; unknown
    /// and ambiguous identifiers are reported and, by default, kept under their input name. When two
    /// or more rows resolve to the same symbol (say `C10orf54` and `VSIR`), the row already named by
    /// that approved symbol is kept; when none is, the row with the higher mean expression (NaN
    /// ignored; an all-NaN row counts as lowest; ties keep the earlier row). Collisions are reported. Gene order follows the input; sample IDs, unit and values are unchanged.
    ///
    /// - Complexity: O(genes × samples).
    public func harmonize(_ block: ExpressionBlock,
                          unresolved: GeneHarmonizationReport.UnresolvedGenes = .keep)
        -> (block: ExpressionBlock, report: GeneHarmonizationReport) {
        var report = GeneHarmonizationReport()
        var target: [String?] = []
        target.reserveCapacity(block.geneCount)
        for gene in block.genes {
            switch resolve(gene) {
            case .approved(let symbol):
                target.append(symbol)
            case .mapped(let symbol, let via):
                report.renamed.append(.init(from: gene, to: symbol, via: via))
                target.append(symbol)
            case .ambiguous(let candidates):
                report.ambiguous.append(.init(identifier: gene, candidates: candidates))
                target.append(unresolved == .keep ? gene : nil)
            case .unknown:
                report.unmapped.append(gene)
                target.append(unresolved == .keep ? gene : nil)
            }
        }
        // Group rows by target name and pick the winner of each group.
        var rowsByName: [String: [Int]] = [:]
        var order: [String] = []
        for (row, name) in target.enumerated() {
            guard let name else { report.droppedRows += 1; continue }
            if rowsByName[name] == nil { order.append(name) }
            rowsByName[name, default: []].append(row)
        }
        let n = block.sampleCount
        func mean(_ row: Int) -> Double {
            var sum = 0.0
            var count = 0
            for v in block.row(gene: row) where !v.isNaN { sum += v; count += 1 }
            return count == 0 ? -.infinity : sum / Double(count)
        }
        var kept: [(row: Int, name: String)] = []
        for name in order {
            let rows = rowsByName[name]!
            var best = rows[0]
            if rows.count > 1 {
                // A row already named by the approved symbol is the measurement of that gene; a row
                // that only maps to it through an alias or previous symbol never displaces it.
                let exact = rows.filter { block.genes[$0] == name }
                let candidates = exact.isEmpty ? rows : exact
                best = candidates[0]
                var bestMean = mean(best)
                for r in candidates.dropFirst() {
                    let m = mean(r)
                    if m > bestMean { best = r; bestMean = m }
                }
                report.collisions.append(.init(symbol: name, kept: block.genes[best],
                                               dropped: rows.filter { $0 != best }.map { block.genes[$0] }))
                report.droppedRows += rows.count - 1
            }
            kept.append((best, name))
        }
        kept.sort { $0.row < $1.row }
        var values: [Double] = []
        values.reserveCapacity(kept.count * n)
        for (row, _) in kept { values.append(contentsOf: block.row(gene: row)) }
        let out = ExpressionBlock(genes: kept.map(\.name), sampleIDs: block.sampleIDs, unit: block.unit, geneMajorValues: values)
        return (out, report)
    }
}
