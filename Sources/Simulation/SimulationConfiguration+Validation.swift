import CohortData

extension SimulationConfiguration {
    /// Checks every parameter against its documented range; throws a
    /// ``SimulationConfigurationError`` naming the first bad parameter, its value and the fix.
    public func validate() throws {
        try check("patientCount", patientCount, in: 1...10_000_000)
        try check("siteCount", siteCount, in: 1...100)
        if cohortName.isEmpty {
            throw SimulationConfigurationError(parameter: "cohortName", value: "\"\"", fix: "give the cohort a non-empty name")
        }
        try validateCancerTypes()
        try check("siteCaseMixHeterogeneity", siteCaseMixHeterogeneity, in: 0...3)
        try check("siteAgeSD", siteAgeSD, in: 0...20)
        try check("siteTreatmentPreference", siteTreatmentPreference, in: 0...3)
        try check("batchEffectSize", batchEffectSize, in: 0...5)
        try check("confoundingStrength", confoundingStrength, in: 0...5)
        try validateEffects()
        try check("overallSurvivalWeibullShape", overallSurvivalWeibullShape, in: 0.3...5)
        try check("progressionFreeSurvivalWeibullShape", progressionFreeSurvivalWeibullShape, in: 0.3...5)
        try check("accrualMonths", accrualMonths, in: 0...240)
        try check("minimumFollowUpMonths", minimumFollowUpMonths, in: 0.5...600)
        try check("dropoutRatePerYear", dropoutRatePerYear, in: 0...5)
        try check("notEvaluableFraction", notEvaluableFraction, in: 0...0.999)
        try check("expressionGeneCount", expressionGeneCount, in: GenePanel.minimumGeneCount...GenePanel.maximumGeneCount)
        try check("panelSizeMb", panelSizeMb, in: 0.1...50)
        try check("embeddingBlockCount", embeddingBlockCount, in: 0...16)
        try check("embeddingDimension", embeddingDimension, in: 1...1024)
        try check("embeddingNoiseSD", embeddingNoiseSD, in: 0...10)
        try check("missingExpressionFraction", missingExpressionFraction, in: 0...1)
        try check("missingSequencingFraction", missingSequencingFraction, in: 0...1)
        try check("missingLabFraction", missingLabFraction, in: 0...1)
        try check("missingClinicalFraction", missingClinicalFraction, in: 0...1)
    }

    private func validateCancerTypes() throws {
        var total = 0.0
        for type in SimulatedCancerType.allCases {
            guard let weight = cancerTypeMix[type] else { continue }
            let name = "cancerTypeMix[\(type.rawValue)]"
            if !(weight.isFinite && weight >= 0) {
                throw SimulationConfigurationError(parameter: name, value: formatNumber(weight),
                                                   fix: "weights must be finite and ≥ 0; set it to 0 to leave the type out")
            }
            total += weight
            if weight > 0 {
                guard let profile = cancerTypeProfiles[type] else {
                    throw SimulationConfigurationError(
                        parameter: "cancerTypeProfiles[\(type.rawValue)]", value: "missing",
                        fix: "add a profile for every type with positive weight, e.g. CancerTypeProfile.literature(.\(type))")
                }
                try validate(profile, type)
            }
        }
        if !(total > 0) {
            throw SimulationConfigurationError(parameter: "cancerTypeMix", value: formatNumber(total) + " (sum of weights)",
                                               fix: "give at least one cancer type a positive weight")
        }
    }

    private func validate(_ p: CancerTypeProfile, _ type: SimulatedCancerType) throws {
        let prefix = "cancerTypeProfiles[\(type.rawValue)]."
        try check(prefix + "tmbMedian", p.tmbMedian, in: 0.01...500)
        try check(prefix + "tmbLogSD", p.tmbLogSD, in: 0...3)
        try check(prefix + "msiHighFraction", p.msiHighFraction, in: 0...1)
        try check(prefix + "ageMean", p.ageMean, in: 18...95)
        try check(prefix + "maleFraction", p.maleFraction, in: 0...1)
        try check(prefix + "priorTherapyFraction", p.priorTherapyFraction, in: 0...1)
        try check(prefix + "hlaLOHFraction", p.hlaLOHFraction, in: 0...1)
        try check(prefix + "pdl1Location", p.pdl1Location, in: -5...5)
        for (k, name) in LatentProgrammes.names.enumerated() {
            try check(prefix + "programmeMeans.\(name)", p.programmeMeans[k], in: -3...3)
        }
        var shareTotal = 0.0
        for arm in TreatmentArm.allCases {
            try check(prefix + "armShares.\(arm.rawValue)", p.armShares[arm], in: 0...1_000)
            shareTotal += p.armShares[arm]
            try check(prefix + "objectiveResponseRate.\(arm.rawValue)", p.objectiveResponseRate[arm], in: 0.001...0.999)
            try check(prefix + "overallSurvivalHazardRatio.\(arm.rawValue)", p.overallSurvivalHazardRatio[arm], in: 0.05...5)
        }
        if !(shareTotal > 0) {
            throw SimulationConfigurationError(parameter: prefix + "armShares", value: "all 0",
                                               fix: "give at least one arm a positive share")
        }
        if p.overallSurvivalHazardRatio.chemotherapy != 1 {
            throw SimulationConfigurationError(
                parameter: prefix + "overallSurvivalHazardRatio.chemotherapy",
                value: formatNumber(p.overallSurvivalHazardRatio.chemotherapy),
                fix: "chemotherapy is the reference arm; set its hazard ratio to 1")
        }
        try check(prefix + "medianOverallSurvivalChemotherapy", p.medianOverallSurvivalChemotherapy, in: 0.5...240)
        try check(prefix + "medianProgressionFreeSurvivalChemotherapy", p.medianProgressionFreeSurvivalChemotherapy,
                  in: 0.25...240)
    }

    private func validateEffects() throws {
        let e = treatmentEffects
        let prefix = "treatmentEffects."
        try check(prefix + "iciMainEffectScale", e.iciMainEffectScale, in: 0...5)
        try check(prefix + "biomarkerInteractionScale", e.biomarkerInteractionScale, in: 0...5)
        let coefficients: [(String, Double)] = [
            ("inflamedLogOdds", e.inflamedLogOdds), ("tmbLogOddsPerDoubling", e.tmbLogOddsPerDoubling),
            ("pdl1LogOddsPer100", e.pdl1LogOddsPer100), ("exclusionLogOdds", e.exclusionLogOdds),
            ("myeloidLogOdds", e.myeloidLogOdds), ("stk11Keap1LogOdds", e.stk11Keap1LogOdds),
            ("b2mJakLossLogOdds", e.b2mJakLossLogOdds), ("hlaLOHLogOdds", e.hlaLOHLogOdds),
            ("albuminLogOddsPerGdL", e.albuminLogOddsPerGdL), ("nlrLogOddsPerLog", e.nlrLogOddsPerLog),
        ]
        for (name, value) in coefficients { try check(prefix + name, value, in: -5...5) }
        try check(prefix + "iciChemotherapyInteractionFraction", e.iciChemotherapyInteractionFraction, in: 0...1)
        try check(prefix + "osLogHazardPerLogOdds", e.osLogHazardPerLogOdds, in: 0...3)
        try check(prefix + "pfsLogHazardPerLogOdds", e.pfsLogHazardPerLogOdds, in: 0...3)
        try check(prefix + "responseSurvivalCorrelation", e.responseSurvivalCorrelation, in: 0...0.99)
        try check(prefix + "overallProgressionCorrelation", e.overallProgressionCorrelation, in: 0...0.99)
    }

    private func check(_ name: String, _ value: Int, in range: ClosedRange<Int>) throws {
        guard range.contains(value) else {
            throw SimulationConfigurationError(
                parameter: name, value: String(value),
                fix: "must be an integer in \(range.lowerBound)...\(range.upperBound); set \(name) to a value in that range")
        }
    }

    private func check(_ name: String, _ value: Double, in range: ClosedRange<Double>) throws {
        guard value.isFinite, range.contains(value) else {
            throw SimulationConfigurationError(
                parameter: name, value: formatNumber(value),
                fix: "must be a finite number in [\(formatNumber(range.lowerBound)), \(formatNumber(range.upperBound))]; set \(name) to a value in that range")
        }
    }
}
