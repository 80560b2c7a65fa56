import CohortData
import Foundation

/// Scores catalog or user signatures on an expression block: matches genes through aliases, reports
/// coverage, refuses below the minimum coverage, and dispatches to the scoring methods.
///
/// Defaults: each signature's published method (``GeneSignature/method``) unless ``Options/method``
/// overrides it; ssGSEA single-sample (``SSGSEA/Configuration``, α = 0.25, no cohort normalisation);
/// singscore centred; z-scores relative to the cohort; minimum coverage from
/// ``ScoringMethod/defaultMinimumCoverage`` (0.8 weighted sums and pairs, 0.5 otherwise) unless the
/// signature or ``Options/minimumCoverage`` sets one. A signature with down genes scores
/// `score(up) − score(down)` for ssGSEA, mean and z-score, and natively for singscore.
///
/// - Complexity: ssGSEA and singscore signatures are scored together: each sample is ranked once.
public struct SignatureScorer: Sendable {
    public struct Options: Sendable {
        /// Score every signature with this method instead of its published one.
        public var method: ScoringMethod?
        public var ssgsea: SSGSEA.Configuration
        public var singscore: Singscore.Configuration
        public var zReference: ZScoreScoring.Reference
        /// Overrides every minimum coverage (0…1).
        public var minimumCoverage: Double?
        /// Weights supplied at run time for signatures whose weights are not bundled (TIDE):
        /// signature name → gene identifier → weight.
        public var externalWeights: [String: [String: Double]]
        /// Divisors for correlation scores, by signature name (TIDE's per-cancer standard deviations; see
        /// ``TIDEModel``). Default: none (the plain correlation).
        public var correlationDivisors: [String: Double]

        public init(method: ScoringMethod? = nil, ssgsea: SSGSEA.Configuration = .init(),
                    singscore: Singscore.Configuration = .init(), zReference: ZScoreScoring.Reference = .cohort,
                    minimumCoverage: Double? = nil, externalWeights: [String: [String: Double]] = [:],
                    correlationDivisors: [String: Double] = [:]) {
            precondition(minimumCoverage.map { (0...1).contains($0) } ?? true,
                         "minimumCoverage must be in 0…1 (got \(minimumCoverage ?? .nan))")
            self.method = method
            self.ssgsea = ssgsea
            self.singscore = singscore
            self.zReference = zReference
            self.minimumCoverage = minimumCoverage
            self.externalWeights = externalWeights
            self.correlationDivisors = correlationDivisors
        }
    }

    public let expression: ExpressionBlock
    public let matcher: GeneMatcher

    public init(expression: ExpressionBlock, harmonizer: GeneIdentifierHarmonizer = .immuneSignatures) {
        self.expression = expression
        self.matcher = GeneMatcher(genes: expression.genes, harmonizer: harmonizer)
    }

    // MARK: Coverage

    /// The method `signature` is scored with under `options`.
    public func method(for signature: GeneSignature, options: Options = Options()) -> ScoringMethod {
        options.method ?? signature.method
    }

    /// Which genes (or pairs) of `signature` are found, overall and per sample.
    public func coverage(of signature: GeneSignature, options: Options = Options()) -> SignatureCoverage {
        let method = method(for: signature, options: options)
        let minimum = options.minimumCoverage ?? signature.minimumCoverage ?? method.defaultMinimumCoverage
        var requested: [String] = []
        var found: [String] = []
        var rowsOfUnit: [[Int]] = []
        var renamed: [String: String] = [:]
        func look(_ gene: String) -> Int? {
            guard let m = matcher.match(gene) else { return nil }
            if m.expressionName != gene { renamed[gene] = m.expressionName }
            return m.row
        }
        if method == .rankPairs, let pairs = signature.pairs {
            for p in pairs {
                let name = "\(p.high)>\(p.low)"
                requested.append(name)
                let a = look(p.high), b = look(p.low)
                if let a, let b { found.append(name); rowsOfUnit.append([a, b]) }
            }
        } else {
            let genes: [String]
            if method == .correlation || (method == .weightedSum && signature.weights == nil) {
                genes = (options.externalWeights[signature.name] ?? [:]).keys.sorted()
            } else if signature.combination != nil {
                genes = []
            } else {
                genes = method == .rankPairs ? signature.allGenes
                    : signature.genes.up + signature.genes.down + (method == .weightedSum ? (signature.housekeeping ?? []) : [])
            }
            var seen = Set<String>()
            for g in genes where seen.insert(g).inserted {
                requested.append(g)
                if let r = look(g) { found.append(g); rowsOfUnit.append([r]) }
            }
        }
        let foundSet = Set(found)
        let missing = requested.filter { !foundSet.contains($0) }
        let n = expression.sampleCount
        var fractions = [Double](repeating: requested.isEmpty ? 1 : 0, count: n)
        if !requested.isEmpty {
            for s in 0..<n {
                var present = 0
                for rows in rowsOfUnit where rows.allSatisfy({ !expression.values[$0 * n + s].isNaN }) { present += 1 }
                fractions[s] = Double(present) / Double(requested.count)
            }
        }
        return SignatureCoverage(signature: signature.name, method: method, requested: requested, found: found,
                                 missing: missing, renamed: renamed, sampleFractions: fractions, minimum: minimum)
    }

    // MARK: Scoring

    /// Scores one signature; throws ``SignatureScoringError`` when it is refused.
    /// Combinations need their components: pass the catalog.
    public func score(_ signature: GeneSignature, options: Options = Options(),
                      catalog: SignatureCatalog? = nil) throws -> SignatureScore {
        var cache: [String: [Double]] = [:]
        return try score(signature, options: options, catalog: catalog, ssgseaCache: &cache)
    }

    /// Scores every signature, collecting refusals instead of throwing. ssGSEA signatures are ranked
    /// together, and with ``SSGSEA/Configuration/normalizeCohort`` they share one normalising range
    /// (GSVA's behaviour: the range over every set and sample scored together).
    public func scoreAll(_ signatures: [GeneSignature], options: Options = Options(),
                         catalog: SignatureCatalog? = nil) -> SignatureScoreReport {
        var cache = batchSSGSEA(signatures, options: options, catalog: catalog)
        var report = SignatureScoreReport(sampleIDs: expression.sampleIDs, scores: [], refusals: [], coverage: [], warnings: [])
        var seenWarnings = Set<String>()
        for signature in signatures {
            if let w = ExpressionUnitCheck.warning(for: expression, expected: signature.expectedUnit, signature: signature.name) {
                let general = w.replacingOccurrences(of: "signature \(signature.name)", with: "signatures")
                if seenWarnings.insert(general).inserted { report.warnings.append(general) }
            }
            report.coverage.append(coverage(of: signature, options: options))
            do {
                let result = try score(signature, options: options, catalog: catalog, ssgseaCache: &cache)
                report.coverage[report.coverage.count - 1] = result.coverage
                report.scores.append(result)
            } catch let error as SignatureScoringError {
                // A combination refused because of a component is reported under its own name.
                report.refusals.append(error.signature == signature.name ? error : SignatureScoringError(
                    error.kind, signature: signature.name, message: "component \(error.signature): \(error.message)",
                    missingGenes: error.missingGenes))
            } catch {
                report.refusals.append(SignatureScoringError(.missingModel, signature: signature.name, message: "\(error)"))
            }
        }
        return report
    }

    private func rows(_ genes: [String]) -> [Int] { genes.compactMap { matcher.match($0)?.row } }

    /// (x − mean) / SD (n − 1) over the finite values; NaN stays NaN, and a constant vector gives NaN.
    static func standardized(_ x: [Double]) -> [Double] {
        let finite = x.filter(\.isFinite)
        guard finite.count > 1 else { return x.map { _ in .nan } }
        let mean = finite.reduce(0, +) / Double(finite.count)
        let sd = (finite.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(finite.count - 1)).squareRoot()
        guard sd > 0 else { return x.map { _ in .nan } }
        return x.map { ($0 - mean) / sd }
    }

    /// TIDE's CTL flag per sample: the minimum over the CTL genes (the third component's up genes) of the
    /// cohort-centred expression is above 0. Missing values are skipped; a sample with none is not flagged.
    private func tideCTLFlags(_ combination: GeneSignature.Combination, catalog: SignatureCatalog) throws -> [Bool] {
        guard combination.components.count == 3, let ctl = catalog.signature(named: combination.components[2]) else {
            throw SignatureScoringError(.missingModel, signature: combination.components.first ?? "TIDE",
                                        message: "a TIDE combination needs three components: dysfunction, exclusion, CTL genes")
        }
        let n = expression.sampleCount
        let genes = rows(ctl.genes.up)
        let means = genes.map { ZScoreScoring.moments(expression, gene: $0).0 }
        return (0..<n).map { s in
            var minimum = Double.infinity
            for (i, g) in genes.enumerated() {
                let v = expression.values[g * n + s] - means[i]
                if !v.isNaN { minimum = min(minimum, v) }
            }
            return minimum.isFinite && minimum > 0
        }
    }

    /// ssGSEA of every up and down set of the ssGSEA signatures (and ssGSEA components of combinations),
    /// in one pass over the samples; normalised together when asked.
    private func batchSSGSEA(_ signatures: [GeneSignature], options: Options, catalog: SignatureCatalog?) -> [String: [Double]] {
        var keys: [String] = [], sets: [[Int]] = []
        var visited = Set<String>()
        func visit(_ s: GeneSignature) {
            guard visited.insert(s.name).inserted else { return }
            if let combination = s.combination {
                for c in combination.components { if let sig = catalog?.signature(named: c) { visit(sig) } }
                return
            }
            guard method(for: s, options: options) == .ssgsea else { return }
            keys.append(s.name + "\u{0}up"); sets.append(rows(s.genes.up))
            if !s.genes.down.isEmpty { keys.append(s.name + "\u{0}down"); sets.append(rows(s.genes.down)) }
        }
        signatures.forEach(visit)
        guard !sets.isEmpty else { return [:] }
        let n = expression.sampleCount
        let all = SSGSEA.scores(expression, geneSets: sets, configuration: options.ssgsea)
        var cache: [String: [Double]] = [:]
        for (i, key) in keys.enumerated() { cache[key] = Array(all[(i * n)..<((i + 1) * n)]) }
        return cache
    }

    private func score(_ signature: GeneSignature, options: Options, catalog: SignatureCatalog?,
                       ssgseaCache: inout [String: [Double]]) throws -> SignatureScore {
        let n = expression.sampleCount
        let method = method(for: signature, options: options)
        if let combination = signature.combination {
            guard let catalog else {
                throw SignatureScoringError(.missingModel, signature: signature.name,
                                            message: "a combination of \(combination.components.joined(separator: ", ")); score it with the catalog")
            }
            let parts = try catalog.signatures(named: combination.components).map {
                try score($0, options: options, catalog: catalog, ssgseaCache: &ssgseaCache)
            }
            var values = [Double](repeating: .nan, count: n)
            let ctlFlags = combination.kind == .tide ? try tideCTLFlags(combination, catalog: catalog) : []
            let zParts = combination.kind == .meanZScore ? parts.map { Self.standardized($0.values) } : []
            for s in 0..<n {
                let v = parts.map { $0.values[s] }
                switch combination.kind {
                case .tide: values[s] = ctlFlags[s] ? v[0] : v[1]
                case .meanZScore: values[s] = zParts.map { $0[s] }.reduce(0, +) / Double(zParts.count)
                case .sum: values[s] = v.reduce(0, +)
                case .difference: values[s] = v[0] - v.dropFirst().reduce(0, +)
                case .estimatePurity: values[s] = Foundation.cos(0.6049872018 + 0.0001467884 * v.reduce(0, +))
                }
            }
            var coverage = coverage(of: signature, options: options)
            coverage.requested = parts.flatMap(\.coverage.requested)
            coverage.found = parts.flatMap(\.coverage.found)
            coverage.missing = parts.flatMap(\.coverage.missing)
            coverage.sampleFractions = (0..<n).map { s in parts.map { $0.coverage.sampleFractions[s] }.min() ?? 1 }
            return SignatureScore(signature: signature.name, method: parts.first?.method ?? method, values: values, coverage: coverage)
        }

        let coverage = coverage(of: signature, options: options)
        if method == .correlation || (method == .weightedSum && signature.weights == nil),
           options.externalWeights[signature.name] == nil {
            let hint = signature.externalWeights.map { " (published weights: \($0.file), column \($0.column); \($0.licence))" } ?? ""
            throw SignatureScoringError(.missingModel, signature: signature.name,
                                        message: "method \(method.rawValue) needs weights that are not bundled\(hint)")
        }
        if method == .rankPairs && (signature.pairs ?? []).isEmpty {
            throw SignatureScoringError(.missingModel, signature: signature.name, message: "method pairs needs gene pairs; this signature has none")
        }
        guard !coverage.requested.isEmpty else {
            throw SignatureScoringError(.missingModel, signature: signature.name, message: "no genes to score")
        }
        if coverage.isRefused || coverage.found.isEmpty { throw SignatureScoringError.coverage(coverage) }
        if !method.isSingleSample && n < 3 {
            throw SignatureScoringError(.tooFewSamples, signature: signature.name,
                                        message: "method \(method.rawValue) depends on the cohort and needs at least 3 samples (found \(n))")
        }

        let up = rows(signature.genes.up), down = rows(signature.genes.down)
        var values: [Double]
        switch method {
        case .ssgsea:
            func cached(_ key: String, _ set: [Int]) -> [Double] {
                if let v = ssgseaCache[signature.name + "\u{0}" + key] { return v }
                var config = options.ssgsea
                config.normalizeCohort = false
                var v = SSGSEA.scores(expression, geneSets: [set], configuration: config)
                if options.ssgsea.normalizeCohort { SSGSEA.normalizeByRange(&v) }
                return v
            }
            values = cached("up", up)
            if !down.isEmpty { values = zip(values, cached("down", down)).map { $0 - $1 } }
        case .singscore:
            values = Singscore.scores(expression, upSets: [up], downSets: [down.isEmpty ? nil : down],
                                      configuration: options.singscore).total
        case .zScore:
            values = ZScoreScoring.scores(expression, genes: up, reference: options.zReference)
            if !down.isEmpty {
                values = zip(values, ZScoreScoring.scores(expression, genes: down, reference: options.zReference)).map { $0 - $1 }
            }
        case .mean:
            values = MeanExpressionScoring.scores(expression, genes: up)
            if !down.isEmpty { values = zip(values, MeanExpressionScoring.scores(expression, genes: down)).map { $0 - $1 } }
        case .weightedSum:
            let weights = signature.weights.map { $0.map { ($0.gene, $0.weight) } }
                ?? (options.externalWeights[signature.name] ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            let matched = weights.compactMap { g, w in matcher.match(g).map { ($0.row, w) } }
            values = WeightedSumScoring.scores(expression, genes: matched.map(\.0), weights: matched.map(\.1),
                                               housekeeping: rows(signature.housekeeping ?? []),
                                               scale: signature.logScaleFactor ?? 1)
        case .firstPrincipalComponent:
            values = try PrincipalComponentScoring.scores(expression, genes: Array(Set(up + down)).sorted()).scores
        case .rankPairs:
            let pairs = (signature.pairs ?? []).compactMap { p -> (Int, Int)? in
                guard let a = matcher.match(p.high)?.row, let b = matcher.match(p.low)?.row else { return nil }
                return (a, b)
            }
            values = RankPairScoring.scores(expression, pairs: pairs)
        case .overallExpression:
            let oe = OverallExpressionScoring(expression)
            values = oe.scores(genes: up)
            if !down.isEmpty { values = zip(values, oe.scores(genes: down)).map { $0 - $1 } }
        case .correlation:
            let weights = (options.externalWeights[signature.name] ?? [:]).sorted { $0.key < $1.key }
            let matched = weights.compactMap { g, w in matcher.match(g).map { ($0.row, w) } }
            values = CorrelationScoring.scores(expression, genes: matched.map(\.0), weights: matched.map(\.1))
            if let divisor = options.correlationDivisors[signature.name] { values = values.map { $0 / divisor } }
        }
        for s in 0..<n where coverage.sampleFractions[s] < coverage.minimum { values[s] = .nan }
        return SignatureScore(signature: signature.name, method: method, values: values, coverage: coverage)
    }
}
