import Foundation

/// The time points at which one regimen's profiles are evaluated, shared by every patient: the grid
/// (0, Δ, 2Δ, … ≤ duration), each dose start and infusion end, and the duration. Between consecutive
/// points the infusion rate is constant.
struct DosingSchedule: Sendable {
    /// Sorted, distinct time points (days), starting at 0 and ending at the duration.
    var times: [Double]
    /// For the segment [times[i], times[i+1]]: whether an infusion is running.
    var infusing: [Bool]
    /// Whether times[i] is a discontinuity of the input (a dose start or an infusion end).
    var isDiscontinuity: [Bool]
    /// Index in `times` of each grid time.
    var gridIndices: [Int]
    /// Index in `times` of each dose start.
    var doseIndices: [Int]
    /// Index in `times` of each infusion end (clipped to the duration).
    var infusionEndIndices: [Int]
    var doseTimes: [Double]
    var infusionDays: Double
    var durationDays: Double

    init(regimen: Regimen, durationDays: Double, gridStepDays: Double) {
        let doses = regimen.doseTimes(durationDays: durationDays)
        let infusion = regimen.infusionHours / 24
        var points: [(Double, Int)] = []   // kind: 0 grid, 1 dose, 2 infusion end, 3 end
        let gridCount = Int((durationDays / gridStepDays).rounded(.down))
        for k in 0...gridCount { points.append((Double(k) * gridStepDays, 0)) }
        for t in doses {
            points.append((t, 1))
            points.append((min(t + infusion, durationDays), 2))
        }
        points.append((durationDays, 3))
        points.sort { $0.0 < $1.0 }
        var times: [Double] = []
        var discontinuity: [Bool] = []
        var grid: [Int] = [], doseIdx: [Int] = [], endIdx: [Int] = []
        for (t, kind) in points {
            if times.last.map({ abs($0 - t) <= 1e-9 * max(1, t) }) != true {
                times.append(t)
                discontinuity.append(false)
            }
            let i = times.count - 1
            switch kind {
            case 0: grid.append(i)
            case 1: doseIdx.append(i); discontinuity[i] = true
            case 2: endIdx.append(i); discontinuity[i] = true
            default: break
            }
        }
        var infusing = [Bool](repeating: false, count: max(times.count - 1, 0))
        var d = 0
        for i in 0..<infusing.count {
            let mid = 0.5 * (times[i] + times[i + 1])
            while d + 1 < doses.count, doses[d + 1] <= mid { d += 1 }
            infusing[i] = !doses.isEmpty && mid >= doses[d] && mid < doses[d] + infusion
        }
        self.times = times
        self.infusing = infusing
        self.isDiscontinuity = discontinuity
        self.gridIndices = grid
        self.doseIndices = doseIdx
        self.infusionEndIndices = endIdx
        self.doseTimes = doses
        self.infusionDays = infusion
        self.durationDays = durationDays
    }
}
