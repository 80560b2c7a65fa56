import CohortData

extension CohortSimulator {
    /// Builds the ``Cohort`` from the drawn patients: clinical columns (with missing values), treatment,
    /// outcomes, and the expression, mutation and embedding blocks.
    ///
    /// Clinical columns: `site`, `cancer_type`, `age` (years), `sex`, `ecog`, `bmi` (kg/m2), `albumin`
    /// (g/dL), `nlr`, `ldh` (U/L), `prior_systemic_therapy`, `pdl1_tps` (%), `msi_high`, `hla_loh`,
    /// `stage`, `tmb` (mut/Mb, = non-synonymous count / panel size). TMB, MSI and HLA LOH are missing for
    /// patients who were not sequenced.
    func assemble(
        ids: [String], baselines: [PatientBaseline], observed: [ObservedOutcome], mutations: [Mutation],
        nonSynonymous: [Int], withTissue: [Int], expression: [Double], embeddings: [[Double]]
    ) -> Cohort {
        let b = baselines
        let panel = configuration.panelSizeMb
        func lab(_ bit: UInt8, _ value: (PatientBaseline) -> Double) -> [Double?] {
            b.map { $0.labMissing & (1 << bit) != 0 ? nil : value($0) }
        }
        func clinical<T>(_ bit: UInt8, _ value: (PatientBaseline) -> T) -> [T?] {
            b.map { $0.clinicalMissing & (1 << bit) != 0 ? nil : value($0) }
        }
        let siteNames = model.sites.map(\.name)
        var columns: [ClinicalColumn] = [
            ClinicalColumn(name: "site", values: .categorical(b.map { siteNames[$0.site] })),
            ClinicalColumn(name: "cancer_type", values: .categorical(b.map { $0.type.displayName })),
            ClinicalColumn(name: "age", values: .continuous(b.map(\.age)), unit: "years"),
            ClinicalColumn(name: "sex", values: .categorical(b.map { $0.male ? "Male" : "Female" })),
            ClinicalColumn(name: "ecog", values: .continuous(clinical(0) { Double($0.ecog) })),
            ClinicalColumn(name: "bmi", values: .continuous(clinical(1) { $0.bmi }), unit: "kg/m2"),
            ClinicalColumn(name: "albumin", values: .continuous(lab(0) { $0.albumin }), unit: "g/dL"),
            ClinicalColumn(name: "nlr", values: .continuous(lab(1) { $0.nlr }), unit: "ratio"),
            ClinicalColumn(name: "ldh", values: .continuous(lab(2) { $0.ldh }), unit: "U/L"),
            ClinicalColumn(name: "prior_systemic_therapy", values: .binary(b.map(\.priorTherapy))),
            ClinicalColumn(name: "pdl1_tps", values: .continuous(clinical(2) { $0.pdl1TPS }), unit: "%"),
            ClinicalColumn(name: "msi_high", values: .binary(b.map { $0.sequenced ? $0.msiHigh : nil })),
            ClinicalColumn(name: "hla_loh", values: .binary(b.map { $0.sequenced ? $0.hlaLOH : nil })),
            ClinicalColumn(name: "stage", values: .categorical(clinical(3) { $0.stageIV ? "IV" : "III" })),
        ]
        let tmb: [Double?] = zip(b, nonSynonymous).map { patient, count in
            patient.sequenced ? (Double(count) / panel * 100).rounded() / 100 : nil
        }
        columns.append(ClinicalColumn(name: "tmb", values: .continuous(tmb), unit: "mut/Mb"))

        let treatment = Treatment(
            drugClass: observed.map { $0.arm.drugClass },
            line: b.map(\.line),
            priorSystemicTherapy: b.map(\.priorTherapy),
            regimen: zip(b, observed).map { patient, o in Self.regimen(o.arm, site: patient.site) })

        let recist = observed.map { Optional($0.bestOverallResponse) }
        let outcomes = Outcomes(
            bestOverallResponse: recist,
            response: Outcomes.response(fromRECIST: recist),
            clinicalBenefit: BinaryOutcome(
                name: "clinical_benefit", values: observed.map(\.clinicalBenefit),
                rule: "durable clinical benefit: CR, PR or SD with PFS ≥ 6 months; NE or censored before 6 months = missing"),
            overallSurvival: SurvivalOutcome(
                name: "OS", time: observed.map(\.osTime), event: observed.map(\.osEvent), unit: .months),
            progressionFreeSurvival: SurvivalOutcome(
                name: "PFS", time: observed.map(\.pfsTime), event: observed.map(\.pfsEvent), unit: .months))

        let tissueIDs = withTissue.map { ids[$0] }
        let expressionBlock = ExpressionBlock(
            genes: model.genes.map(\.symbol), sampleIDs: tissueIDs, unit: .log2TPM, geneMajorValues: expression)
        let mutationBlock = MutationBlock(
            mutations: mutations, sequencedPatientIDs: zip(ids, b).filter { $1.sequenced }.map(\.0), panelSizeMb: panel)
        let dimensionNames = (1...max(1, configuration.embeddingDimension)).map { "dim_\($0)" }
        let embeddingBlocks = embeddings.enumerated().map { block, values in
            EmbeddingBlock(
                name: "embedding_\(block + 1)", source: "ImmunoKit simulation: linear map of latent programmes + noise",
                dimensionNames: dimensionNames, sampleIDs: tissueIDs, values: values)
        }

        return Cohort(
            name: configuration.cohortName, patientIDs: ids, clinical: columns, outcomes: outcomes,
            treatment: treatment, expression: expressionBlock, mutations: mutationBlock, embeddings: embeddingBlocks,
            provenance: [
                "source": "ImmunoKit Simulation (CohortSimulator)",
                "seed": String(configuration.seed),
                "truth": "truth.tsv (SimulationTruth.table()); configuration in simulation.json",
            ])
    }

    /// Free-text regimen of an arm (monotherapy alternates pembrolizumab / nivolumab by site).
    static func regimen(_ arm: TreatmentArm, site: Int) -> String {
        switch arm {
        case .antiPD1PDL1: site % 2 == 0 ? "pembrolizumab" : "nivolumab"
        case .iciCombination: "nivolumab+ipilimumab"
        case .chemotherapy: "chemotherapy"
        case .iciChemotherapy: "pembrolizumab+chemotherapy"
        }
    }
}
