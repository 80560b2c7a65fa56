"""Reference values for the Dosing tests (Tests/DosingTests).

Run with the pinned versions of requirements.txt (the system Python of the build machine has them):
    python3 generate_dosing.py        # writes dosing.json next to this file

1. Robertson's stiff chemical kinetics (Hairer & Wanner, Solving ODEs II, §IV.1) with scipy's Radau
   (rtol 1e-12, atol 1e-16), for the stiff path of the ODE solver.
2. Linear two-compartment model with 30-minute zero-order infusions: the closed-form superposition sum
   evaluated directly in NumPy (every dose's bi-exponential response added up), for the analytic solution.
3. Nivolumab (Bajaj 2017 typical male, 80 kg, eGFR 90, ECOG 0, time-varying CL) 240 mg q2w with
   solve_ivp DOP853 (rtol 1e-12, atol 1e-12) integrated piecewise between infusion starts and ends.
4. The Kuznetsov 1994 tumour-immune model with PD-1 occupancy reducing effector inactivation, coupled to the
   same nivolumab PK (and untreated), with Radau (rtol 1e-12, atol 1e-14).
"""
import json, os
import numpy as np
import scipy
from scipy.integrate import solve_ivp

out = {"versions": {"numpy": np.__version__, "scipy": scipy.__version__}}

# 1. Robertson.
def robertson(t, y):
    return [-0.04 * y[0] + 1e4 * y[1] * y[2], 0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] ** 2, 3e7 * y[1] ** 2]
rt = [0.4, 4.0, 40.0, 400.0, 4000.0, 40000.0]
sol = solve_ivp(robertson, (0, rt[-1]), [1.0, 0.0, 0.0], method="Radau", rtol=1e-12, atol=1e-16, t_eval=rt)
out["robertson"] = {"times": rt, "states": sol.y.T.tolist()}

# 2. Closed-form two-compartment infusions.
def closed_form(cl, v1, q, v2, dose, tau, tinf, times):
    k10, k12, k21 = cl / v1, q / v1, q / v2
    s = k10 + k12 + k21
    alpha = 0.5 * (s + np.sqrt(s * s - 4 * k10 * k21)); beta = k10 * k21 / alpha
    a = (alpha - k21) / (v1 * (alpha - beta)); b = (k21 - beta) / (v1 * (alpha - beta))
    rate = dose / tinf
    times = np.asarray(times)
    c = np.zeros_like(times)
    for td in np.arange(0, times.max() + 1e-9, tau):
        if td >= times.max():
            break
        dt = times - td
        on = dt > 0
        for lam, coef in ((alpha, a), (beta, b)):
            inside = np.minimum(dt, tinf)
            after = np.maximum(dt - tinf, 0)
            c += np.where(on, rate * coef / lam * (1 - np.exp(-lam * inside)) * np.exp(-lam * after), 0.0)
    return c.tolist()

times = [0.5 * k for k in range(0, 169)]   # 0 … 84 days
cases = [
    {"name": "pembrolizumab reference 200 mg q3w", "cl": 0.22, "v1": 3.48, "q": 0.795, "v2": 4.06, "dose": 200.0, "tau": 21.0},
    {"name": "fast clearance 400 mg q6w", "cl": 0.45, "v1": 2.9, "q": 0.5, "v2": 6.0, "dose": 400.0, "tau": 42.0},
    {"name": "heavy patient 2 mg/kg q3w (120 kg)", "cl": 0.287, "v1": 4.29, "q": 1.037, "v2": 5.0, "dose": 240.0, "tau": 21.0},
]
for case in cases:
    case["infusion_hours"] = 0.5
    case["times"] = times
    case["concentrations"] = closed_form(case["cl"], case["v1"], case["q"], case["v2"], case["dose"], case["tau"], 0.5 / 24, times)
out["two_compartment"] = cases

# 3. Nivolumab typical male with time-varying CL, 240 mg q2w.
cl0 = 9.4 * 24 / 1000 * np.exp(0.165); v1 = 3.63 * np.exp(0.152); q = 32.1 * 24 / 1000; v2 = 2.78
emax, t50, hill = -0.295, 1410 / 24, 3.15
def pk_rhs(t, y, rate):
    cl = cl0 * np.exp(emax * (t / t50) ** hill / (1 + (t / t50) ** hill)) if t > 0 else cl0
    return [rate - (cl / v1 + q / v1) * y[0] + q / v2 * y[1], q / v1 * y[0] - q / v2 * y[1]]
def piecewise(rhs, y0, tau, dose, tinf, horizon, times, method, rtol, atol, extra=()):
    cuts = sorted(set([0.0, horizon] + [d for d in np.arange(0, horizon, tau)] + [min(d + tinf, horizon) for d in np.arange(0, horizon, tau)]))
    y = np.array(y0, float); values = {}
    for a, b in zip(cuts[:-1], cuts[1:]):
        mid = 0.5 * (a + b)
        k = np.floor(mid / tau)
        rate = dose / tinf if mid - k * tau < tinf else 0.0
        inside = [t for t in times if a <= t <= b]
        sol = solve_ivp(rhs, (a, b), y, method=method, rtol=rtol, atol=atol, args=(rate,) + extra, dense_output=True)
        for t in inside:
            values[t] = sol.sol(t).tolist()
        y = sol.y[:, -1]
    return [values[t] for t in times]
states = piecewise(pk_rhs, [0, 0], 14.0, 240.0, 0.5 / 24, 84.0, times, "DOP853", 1e-12, 1e-12)
out["nivolumab_time_varying"] = {"regimen": "240 mg q2w", "infusion_hours": 0.5, "times": times,
                                 "concentrations": [s[0] / v1 for s in states],
                                 "parameters": {"cl": cl0, "v1": v1, "q": q, "v2": v2, "emax": emax, "t50": t50, "hill": hill}}

# 4. Kuznetsov tumour-immune model coupled to the nivolumab PK.
sig, rho, eta, mu, delta, alpha, beta, scale, eps = 0.1181, 1.131, 20.19, 0.00311, 0.3743, 1.636, 0.002, 0.1101, 0.9
ec50 = 3.06e-9 * 146000 * 1000
def coupled(t, y, rate, treated):
    a1, a2, x, tum = y
    dpk = pk_rhs(t, [a1, a2], rate)
    c = a1 / v1
    ro = c / (ec50 + c) if (treated and c > 0) else 0.0
    dx = scale * (sig + rho * x * tum / (eta + tum) - mu * (1 - eps * ro) * x * tum - delta * x)
    dy = scale * (alpha * tum * (1 - beta * tum) - x * tum)
    return dpk + [dx, dy]
tt = [float(k) for k in range(0, 85)]
y0 = [0, 0, sig / delta, 100.0]
treated = piecewise(coupled, y0, 14.0, 240.0, 0.5 / 24, 84.0, tt, "Radau", 1e-12, 1e-14, extra=(True,))
untreated = solve_ivp(coupled, (0, 84), y0, method="Radau", rtol=1e-12, atol=1e-14, args=(0.0, False), t_eval=tt)
out["tumour"] = {"times": tt, "initial_tumour": 100.0, "ec50": ec50, "efficacy": eps,
                 "treated_tumour": [s[3] for s in treated], "treated_effectors": [s[2] for s in treated],
                 "untreated_tumour": untreated.y[3].tolist()}

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "dosing.json"), "w") as f:
    json.dump(out, f, indent=1)
