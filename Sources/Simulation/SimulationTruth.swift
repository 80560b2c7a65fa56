import CohortData

/// Everything known about how a simulated cohort was generated: the configuration, the sites and
/// their batch shifts, the calibrated outcome model, and per-patient truth (``PatientTruth``).
public struct SimulationTruth: Sendable, Hashable, Codable {
    public var configuration: SimulationConfiguration
    /// One entry per patient, in the cohort's patient order.
    public var patients: [PatientTruth]
    public var sites: [SimulatedSite]
    /// Expression genes, in the expression block's order.
    public var genes: [String]
    /// Per-site per-gene expression shift (batch effect), `batchShifts[site][gene]`, log2 units.
    public var batchShifts: [[Double]]
    public var calibration: OutcomeCalibration

    public init(
        configuration: SimulationConfiguration, patients: [PatientTruth], sites: [SimulatedSite], genes: [String],
        batchShifts: [[Double]], calibration: OutcomeCalibration
    ) {
        self.configuration = configuration
        self.patients = patients
        self.sites = sites
        self.genes = genes
        self.batchShifts = batchShifts
        self.calibration = calibration
    }

    /// The per-patient truth as a table (`truth.tsv`), one row per patient:
    ///
    /// `patient_id, site, cancer_type, assigned_arm`, the four programme scores, `true_tmb, msi_high,
    /// pole_mutant, stk11_keap1_mutant, b2m_jak_loss, hla_loh, true_pdl1_tps, biomarker_score`, then per
    /// arm (`anti_pd1_pdl1, ici_combination, chemotherapy, ici_chemotherapy`): `propensity_<arm>,
    /// p_response_<arm>, logit_response_<arm>, eta_os_<arm>, eta_pfs_<arm>, os_12m_<arm>,
    /// os_rmst24_<arm>`; per ICI arm the effects versus chemotherapy `effect_response_<arm>,
    /// effect_os_12m_<arm>, effect_os_rmst24_<arm>`; then `p_response_assigned, death_time,
    /// progression_time, censoring_time, p_death_observed`. Times in months; booleans 1/0.
    ///
    /// - Complexity: O(patients × columns).
    public func table() -> DataTable {
        var columns = ["patient_id", "site", "cancer_type", "assigned_arm"] + LatentProgrammes.names
        columns += ["true_tmb", "msi_high", "pole_mutant", "stk11_keap1_mutant", "b2m_jak_loss", "hla_loh",
                    "true_pdl1_tps", "biomarker_score"]
        let perArm = ["propensity", "p_response", "logit_response", "eta_os", "eta_pfs", "os_12m", "os_rmst24"]
        for name in perArm { for arm in TreatmentArm.allCases { columns.append("\(name)_\(arm.rawValue)") } }
        for name in ["effect_response", "effect_os_12m", "effect_os_rmst24"] {
            for arm in TreatmentArm.iciArms { columns.append("\(name)_\(arm.rawValue)") }
        }
        columns += ["p_response_assigned", "death_time", "progression_time", "censoring_time", "p_death_observed"]

        func number(_ x: Double) -> String? { x.isFinite ? formatNumber(x) : nil }
        func flag(_ b: Bool) -> String { b ? "1" : "0" }
        var rows: [[String?]] = []
        rows.reserveCapacity(patients.count)
        for p in patients {
            var row: [String?] = [p.patientID, sites[p.site].name, p.cancerType.rawValue, p.assignedArm.rawValue]
            row.reserveCapacity(columns.count)
            for k in 0..<LatentProgrammes.count { row.append(number(p.programmes[k])) }
            row += [number(p.tmb), flag(p.msiHigh), flag(p.poleMutant), flag(p.stk11OrKeap1Mutant),
                    flag(p.b2mOrJakLoss), flag(p.hlaLOH), number(p.pdl1TPS), number(p.biomarkerScore)]
            for values in [p.propensity, p.responseProbability, p.responseLogit, p.overallSurvivalPredictor,
                           p.progressionFreeSurvivalPredictor, p.overallSurvivalAt12Months, p.overallSurvivalRMST24] {
                for arm in TreatmentArm.allCases { row.append(number(values[arm])) }
            }
            for arm in TreatmentArm.iciArms { row.append(number(p.responseEffect(arm))) }
            for arm in TreatmentArm.iciArms { row.append(number(p.survivalAt12MonthsEffect(arm))) }
            for arm in TreatmentArm.iciArms { row.append(number(p.rmst24Effect(arm))) }
            row += [number(p.assignedResponseProbability), number(p.deathTime), number(p.progressionTime),
                    number(p.censoringTime), number(p.deathObservedProbability)]
            rows.append(row)
        }
        return DataTable(columns: columns, rows: rows)
    }
}
