// The umbrella module: `import ImmunoKit` brings every layer.
@_exported import CohortData
@_exported import LinearAlgebra
@_exported import Learning
@_exported import Signatures
@_exported import Evaluation
@_exported import Reports
@_exported import Discovery
@_exported import Explanation
@_exported import Treatment
@_exported import Dosing
@_exported import Simulation
@_exported import Statistics
