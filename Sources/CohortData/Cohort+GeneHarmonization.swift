extension Cohort {
    /// The cohort with expression genes and mutated genes renamed to approved symbols by `harmonizer`.
    ///
    /// Expression rows follow ``GeneIdentifierHarmonizer/harmonize(_:unresolved:)`` (unknown and
    /// ambiguous identifiers are kept under their input name and reported; collisions keep the row
    /// with the higher mean). Mutation records are renamed when their gene resolves unambiguously.
    public func harmonizingGenes(with harmonizer: GeneIdentifierHarmonizer) -> (cohort: Cohort, report: GeneHarmonizationReport) {
        var copy = self
        var report = GeneHarmonizationReport()
        if let expression {
            let result = harmonizer.harmonize(expression)
            copy.expression = result.block
            report = result.report
        }
        if var mutations {
            for i in mutations.mutations.indices {
                if let symbol = harmonizer.resolve(mutations.mutations[i].gene).symbol {
                    mutations.mutations[i].gene = symbol
                }
            }
            copy.mutations = mutations
        }
        copy.provenance["gene_harmonization"] = harmonizer.source
        return (copy, report)
    }
}
