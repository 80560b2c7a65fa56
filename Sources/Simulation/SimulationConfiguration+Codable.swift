extension SimulationConfiguration {
    private enum CodingKeys: String, CodingKey {
        case patientCount, siteCount, seed, cohortName, cancerTypeMix, cancerTypeProfiles
        case siteCaseMixHeterogeneity, siteAgeSD, siteTreatmentPreference, batchEffectSize
        case confoundingStrength, randomizedAssignment, treatmentEffects
        case overallSurvivalWeibullShape, progressionFreeSurvivalWeibullShape, accrualMonths
        case minimumFollowUpMonths, dropoutRatePerYear, notEvaluableFraction
        case expressionGeneCount, panelSizeMb, embeddingBlockCount, embeddingDimension, embeddingNoiseSD
        case missingExpressionFraction, missingSequencingFraction, missingLabFraction, missingClinicalFraction
    }

    /// Decodes a partial object: absent keys keep their defaults. Values are not validated here;
    /// call ``validate()``.
    public init(from decoder: any Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func read<T: Decodable>(_ key: CodingKeys, _ target: inout T) throws {
            if let value = try c.decodeIfPresent(T.self, forKey: key) { target = value }
        }
        try read(.patientCount, &patientCount)
        try read(.siteCount, &siteCount)
        try read(.seed, &seed)
        try read(.cohortName, &cohortName)
        try read(.cancerTypeMix, &cancerTypeMix)
        try read(.cancerTypeProfiles, &cancerTypeProfiles)
        try read(.siteCaseMixHeterogeneity, &siteCaseMixHeterogeneity)
        try read(.siteAgeSD, &siteAgeSD)
        try read(.siteTreatmentPreference, &siteTreatmentPreference)
        try read(.batchEffectSize, &batchEffectSize)
        try read(.confoundingStrength, &confoundingStrength)
        try read(.randomizedAssignment, &randomizedAssignment)
        try read(.treatmentEffects, &treatmentEffects)
        try read(.overallSurvivalWeibullShape, &overallSurvivalWeibullShape)
        try read(.progressionFreeSurvivalWeibullShape, &progressionFreeSurvivalWeibullShape)
        try read(.accrualMonths, &accrualMonths)
        try read(.minimumFollowUpMonths, &minimumFollowUpMonths)
        try read(.dropoutRatePerYear, &dropoutRatePerYear)
        try read(.notEvaluableFraction, &notEvaluableFraction)
        try read(.expressionGeneCount, &expressionGeneCount)
        try read(.panelSizeMb, &panelSizeMb)
        try read(.embeddingBlockCount, &embeddingBlockCount)
        try read(.embeddingDimension, &embeddingDimension)
        try read(.embeddingNoiseSD, &embeddingNoiseSD)
        try read(.missingExpressionFraction, &missingExpressionFraction)
        try read(.missingSequencingFraction, &missingSequencingFraction)
        try read(.missingLabFraction, &missingLabFraction)
        try read(.missingClinicalFraction, &missingClinicalFraction)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(patientCount, forKey: .patientCount)
        try c.encode(siteCount, forKey: .siteCount)
        try c.encode(seed, forKey: .seed)
        try c.encode(cohortName, forKey: .cohortName)
        try c.encode(cancerTypeMix, forKey: .cancerTypeMix)
        try c.encode(cancerTypeProfiles, forKey: .cancerTypeProfiles)
        try c.encode(siteCaseMixHeterogeneity, forKey: .siteCaseMixHeterogeneity)
        try c.encode(siteAgeSD, forKey: .siteAgeSD)
        try c.encode(siteTreatmentPreference, forKey: .siteTreatmentPreference)
        try c.encode(batchEffectSize, forKey: .batchEffectSize)
        try c.encode(confoundingStrength, forKey: .confoundingStrength)
        try c.encode(randomizedAssignment, forKey: .randomizedAssignment)
        try c.encode(treatmentEffects, forKey: .treatmentEffects)
        try c.encode(overallSurvivalWeibullShape, forKey: .overallSurvivalWeibullShape)
        try c.encode(progressionFreeSurvivalWeibullShape, forKey: .progressionFreeSurvivalWeibullShape)
        try c.encode(accrualMonths, forKey: .accrualMonths)
        try c.encode(minimumFollowUpMonths, forKey: .minimumFollowUpMonths)
        try c.encode(dropoutRatePerYear, forKey: .dropoutRatePerYear)
        try c.encode(notEvaluableFraction, forKey: .notEvaluableFraction)
        try c.encode(expressionGeneCount, forKey: .expressionGeneCount)
        try c.encode(panelSizeMb, forKey: .panelSizeMb)
        try c.encode(embeddingBlockCount, forKey: .embeddingBlockCount)
        try c.encode(embeddingDimension, forKey: .embeddingDimension)
        try c.encode(embeddingNoiseSD, forKey: .embeddingNoiseSD)
        try c.encode(missingExpressionFraction, forKey: .missingExpressionFraction)
        try c.encode(missingSequencingFraction, forKey: .missingSequencingFraction)
        try c.encode(missingLabFraction, forKey: .missingLabFraction)
        try c.encode(missingClinicalFraction, forKey: .missingClinicalFraction)
    }
}
