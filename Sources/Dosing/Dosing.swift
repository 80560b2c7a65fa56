/// Dosing and schedules: ODE solvers, population pharmacokinetics of checkpoint inhibitors, and tumour–immune
/// dynamics coupled to exposure.
public enum DosingModule {}
