"""Reference values for Tests/TreatmentTests (Policy*, Uplift*): policy_reference.json.

Independent NumPy transcriptions of the published estimators:

* RATE / TOC: a line-by-line transcription of grf's `estimate_rate` (R, grf-labs/grf,
  r-package/grf/R/rank_average_treatment.R; Yadlowsky et al. 2021, arXiv:2111.07966), including its tie
  handling (group means via `rowsum`), `findInterval` grid lookup and fractional last observation.
* AIPW scores (Robins et al. 1994): binary contrast and per-arm.
* Off-policy values (Dudik, Langford & Li 2011; Athey & Wager 2021): IPW, self-normalised IPW and
  doubly robust values with influence-function standard errors (n - 1 denominator) and normal CIs, and
  paired differences.
* The regimen decision rule of RegimenPolicy (argmax utility; lower bound of the advantage > margin).

Run: python3 generate_policy.py  (writes policy_reference.json next to this file; seed fixed).
"""
import json
import os
from statistics import NormalDist

import numpy as np

rng = np.random.default_rng(20240611)
Z95 = NormalDist().inv_cdf(0.975)


# ---------------------------------------------------------------- grf estimate_rate (transcription)
def estimate_rate(dr_times_w, w, prio, indices, q, target):
    """grf:::estimate_rate with data = (DR*w, w, prio as integer ranks 1..U); indices 0-based."""
    p = prio[indices]
    sort_idx = np.argsort(-p, kind="stable")          # order(prio, decreasing = TRUE)
    sample_weights = w[indices][sort_idx]
    num_ties = np.bincount(p)[1:]                     # tabulate(prio)
    num_ties = num_ties[num_ties != 0]
    if np.all(num_ties == 1):
        dr_sorted = (dr_times_w[indices] / w[indices])[sort_idx]
    else:
        keys = p[sort_idx]
        col1 = dr_times_w[indices][sort_idx]
        col2 = w[indices][sort_idx]
        # rowsum(..., reorder = FALSE): groups in order of first appearance, sums in row order
        order_keys, sums1, sums2 = [], {}, {}
        for key, a, b in zip(keys, col1, col2):
            if key not in sums1:
                order_keys.append(key)
                sums1[key] = 0.0
                sums2[key] = 0.0
            sums1[key] += a
            sums2[key] += b
        dr_avg = np.array([sums1[k] / sums2[k] for k in order_keys])
        dr_sorted = np.repeat(dr_avg, num_ties[::-1])
    cumsum_w = np.cumsum(sample_weights)
    total_w = cumsum_w[-1]
    ate = np.sum(dr_sorted * sample_weights) / total_w
    toc = np.cumsum(dr_sorted * sample_weights) / cumsum_w - ate
    if target == "AUTOC":
        rate = np.sum(toc * sample_weights) / np.sum(sample_weights)
    else:
        rate = np.sum(np.cumsum(sample_weights) / np.sum(sample_weights) * sample_weights * toc) / np.sum(sample_weights)
    nw = q * total_w
    idx = np.searchsorted(cumsum_w, nw + 1e-15, side="right")   # findInterval
    denominator_adj = nw - cumsum_w[np.maximum(idx, 1) - 1]
    numerator_adj = denominator_adj * dr_sorted[np.minimum(idx + 1, idx.max()) - 1]
    idx = idx.copy()
    idx[idx == 0] = 1
    uniq_idx = np.unique(idx)
    grid_id = np.repeat(np.arange(1, len(uniq_idx) + 1), np.diff(np.concatenate([[0], uniq_idx])))
    m = len(grid_id)
    g1 = np.zeros(len(uniq_idx))
    g2 = np.zeros(len(uniq_idx))
    for r in range(m):
        g1[grid_id[r] - 1] += dr_sorted[r] * sample_weights[r]
        g2[grid_id[r] - 1] += sample_weights[r]
    toc_grid = (np.cumsum(g1)[grid_id[idx - 1] - 1] + numerator_adj) / (np.cumsum(g2)[grid_id[idx - 1] - 1] + denominator_adj) - ate
    return rate, toc_grid, ate, toc, sample_weights, cumsum_w, dr_sorted


def integer_ranks(x):
    _, inverse = np.unique(x, return_inverse=True)  # as.integer(as.factor(x))
    return inverse + 1


def rate_case(name, n, ties, weighted, grid):
    priorities = rng.normal(size=n)
    if ties:
        priorities = np.round(priorities * 2) / 2        # ~12 tied groups
    scores = 0.8 * np.maximum(priorities, 0) + rng.normal(scale=2.0, size=n)
    weights = rng.uniform(0.3, 2.0, size=n) if weighted else np.ones(n)
    prio = integer_ranks(priorities)
    q = np.array(grid)
    out = {"name": name, "priorities": priorities.tolist(), "scores": scores.tolist(),
           "weights": weights.tolist() if weighted else None, "grid": grid}
    for target in ["AUTOC", "QINI"]:
        rate, toc_grid, ate, toc, sw, cw, drs = estimate_rate(scores * weights, weights, prio, np.arange(n), q, target)
        out[target] = {"estimate": float(rate), "toc": toc_grid.tolist()}
        out["ate"] = float(ate)
    # Uplift curves on the same grid: uplift = TOC + ATE, gain = q * uplift, qini = q * TOC
    toc_grid = np.array(out["AUTOC"]["toc"])
    out["uplift"] = (toc_grid + out["ate"]).tolist()
    out["gain"] = (q * (toc_grid + out["ate"])).tolist()
    out["qini"] = (q * toc_grid).tolist()
    total = cw[-1]
    out["area_under_gain"] = float(np.sum(sw * np.cumsum(drs * sw) / total) / total)
    return out


rate_cases = [
    rate_case("continuous", 203, ties=False, weighted=False, grid=[0.05, 0.1, 0.123, 0.25, 0.5, 0.777, 0.9, 1.0]),
    rate_case("ties", 240, ties=True, weighted=False, grid=[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]),
    rate_case("weighted_ties", 181, ties=True, weighted=True, grid=[0.001, 0.05, 0.333, 0.5, 0.95, 1.0]),
]

# ---------------------------------------------------------------- AIPW scores
n = 150
e = rng.uniform(0.1, 0.9, size=n)
w = rng.uniform(size=n) < e
mu1 = rng.uniform(0.2, 0.8, size=n)
mu0 = rng.uniform(0.1, 0.6, size=n)
y = (rng.uniform(size=n) < np.where(w, mu1, mu0)).astype(float)
dr_contrast = mu1 - mu0 + w * (y - mu1) / e - (1 - w) * (y - mu0) / (1 - e)
ipw_contrast = w * y / e - (1 - w) * y / (1 - e)
scores_case = {"outcome": y.tolist(), "treated": w.astype(int).tolist(), "propensity": e.tolist(),
               "mu1": mu1.tolist(), "mu0": mu0.tolist(), "dr": dr_contrast.tolist(), "ipw": ipw_contrast.tolist()}

# ---------------------------------------------------------------- off-policy evaluation
def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    ez = np.exp(z)
    return ez / ez.sum(axis=1, keepdims=True)


def ope_case(n, k, seed_shift, floor):
    x = rng.normal(size=(n, 3))
    props = softmax(x @ rng.normal(size=(3, k)) * 0.8)
    arm = np.array([rng.choice(k, p=props[i]) for i in range(n)])
    truth = 0.3 + 0.1 * np.tanh(x @ rng.normal(size=(3, k)))
    y = (rng.uniform(size=n) < truth[np.arange(n), arm]).astype(float)
    mu = np.clip(truth + rng.normal(scale=0.05, size=(n, k)), 0.01, 0.99)
    policies = {}
    policies["argmax"] = {"probabilities": np.eye(k)[np.argmax(mu, axis=1)], "practice": np.zeros(n, bool)}
    policies["stochastic"] = {"probabilities": softmax(mu * 5), "practice": np.zeros(n, bool)}
    policies["treat_all_1"] = {"probabilities": np.tile(np.eye(k)[1], (n, 1)), "practice": np.zeros(n, bool)}
    practice = rng.uniform(size=n) < 0.3
    mixed = np.eye(k)[np.argmax(mu, axis=1)]
    mixed[practice] = 1.0 / k
    policies["mixed_practice"] = {"probabilities": mixed, "practice": practice}
    policies["current_practice"] = {"probabilities": np.full((n, k), 1.0 / k), "practice": np.ones(n, bool)}

    def influence(pol):
        pi = pol["probabilities"]
        prac = pol["practice"]
        e_obs = np.maximum(props[np.arange(n), arm], floor)
        rho = np.where(prac, 1.0, pi[np.arange(n), arm] / e_obs)
        ipw = np.where(prac, y, rho * y)
        dr = np.where(prac, y, np.sum(pi * mu, axis=1) + rho * (y - mu[np.arange(n), arm]))
        v_sn = np.sum(ipw) / np.sum(rho)
        sn = v_sn + rho * (y - v_sn) / np.mean(rho)
        return ipw, sn, dr, rho

    def est(psi):
        v = float(np.mean(psi))
        se = float(np.sqrt(np.sum((psi - v) ** 2) / (n - 1) / n))
        return {"value": v, "se": se, "lower": v - Z95 * se, "upper": v + Z95 * se}

    out = {"n": n, "k": k, "floor": floor, "outcome": y.tolist(), "arm": arm.tolist(), "propensities": props.tolist(),
           "predictions": mu.tolist(), "policies": {}, "comparisons": {}}
    infl = {}
    for name, pol in policies.items():
        ipw, sn, dr, rho = influence(pol)
        infl[name] = (ipw, dr)
        shares = np.where(pol["practice"][:, None], np.eye(k)[arm], pol["probabilities"]).mean(axis=0)
        out["policies"][name] = {
            "probabilities": pol["probabilities"].tolist(), "practice": pol["practice"].astype(int).tolist(),
            "ipw": est(ipw), "snipw": est(sn), "dr": est(dr),
            "ess": float(np.sum(rho) ** 2 / np.sum(rho ** 2)), "max_weight": float(np.max(rho)),
            "shares": shares.tolist()}
        out["policies"][name]["snipw"]["value"] = float(np.sum(ipw) / np.sum(rho))
    for name in ["argmax", "stochastic", "mixed_practice"]:
        d_ipw = infl[name][0] - infl["current_practice"][0]
        d_dr = infl[name][1] - infl["current_practice"][1]
        e_dr = est(d_dr)
        out["comparisons"][name] = {"ipw": est(d_ipw), "dr": e_dr,
                                    "p": 2 * (1 - NormalDist().cdf(abs(e_dr["value"] / e_dr["se"])))}
    return out


ope_cases = [ope_case(300, 3, 0, 0.0), ope_case(200, 4, 1, 0.05)]

# ---------------------------------------------------------------- regimen decision rule
def decide(mu, se, tox, allowed, margin, lam, z, ref):
    u = mu - lam * (tox if tox is not None else 0)
    best = allowed[0]
    for a in allowed[1:]:
        if u[a] > u[best]:
            best = a
    bounds = [(u[best] - u[b]) - z * np.sqrt(se[best] ** 2 + se[b] ** 2) for b in allowed if b != best]
    decisive = min(bounds) if bounds else float("inf")
    recommended = best if (not bounds or decisive > margin) else None
    benefit = 0.0 if best == ref else mu[best] - mu[ref]
    benefit_lb = 0.0 if best == ref else benefit - z * np.sqrt(se[best] ** 2 + se[ref] ** 2)
    return {"best": int(best), "recommended": None if recommended is None else int(recommended),
            "decisive_lower_bound": float(decisive), "benefit": float(benefit), "benefit_lower_bound": float(benefit_lb)}


regimen_cases = []
for setting in [dict(margin=0.02, lam=0.0, excluded=[], level=0.95),
                dict(margin=0.0, lam=0.5, excluded=[3], level=0.9)]:
    z = NormalDist().inv_cdf((1 + setting["level"]) / 2)
    patients = []
    for i in range(60):
        mu = rng.uniform(0.1, 0.6, size=4)
        se = rng.uniform(0.0, 0.06, size=4)
        tox = rng.uniform(0.0, 0.4, size=4)
        allowed = [a for a in range(4) if a not in setting["excluded"]]
        d = decide(mu, se, tox if setting["lam"] > 0 else None, allowed, setting["margin"], setting["lam"], z, ref=2)
        d.update({"mu": mu.tolist(), "se": se.tolist(), "tox": tox.tolist()})
        patients.append(d)
    regimen_cases.append({"settings": setting, "patients": patients})

# ---------------------------------------------------------------- subgroup effects (AIPW means)
n_sub = 240
sub_scores = rng.normal(loc=0.1, scale=1.5, size=n_sub)
sub_groups = rng.choice(["a", "b", "c"], size=n_sub, p=[0.5, 0.3, 0.2])
sub_weights = rng.uniform(0.5, 2.0, size=n_sub)
sub_out = {"scores": sub_scores.tolist(), "groups": sub_groups.tolist(), "weights": sub_weights.tolist(), "groups_result": {}}
for name in ["a", "b", "c"]:
    m = sub_groups == name
    w = sub_weights[m]
    x = sub_scores[m]
    est = float(np.sum(w * x) / np.sum(w))
    k = int(m.sum())
    se = float(np.sqrt(np.sum(w ** 2 * (x - est) ** 2) / np.sum(w) ** 2 * k / (k - 1)))
    sub_out["groups_result"][name] = {"n": k, "estimate": est, "se": se}
ga, gb = sub_out["groups_result"]["a"], sub_out["groups_result"]["b"]
d = ga["estimate"] - gb["estimate"]
dse = float(np.sqrt(ga["se"] ** 2 + gb["se"] ** 2))
sub_out["difference_a_b"] = {"estimate": d, "se": dse, "p": 2 * (1 - NormalDist().cdf(abs(d / dse)))}

reference = {"rate": rate_cases, "subgroups": sub_out, "scores": scores_case, "ope": ope_cases, "regimen": regimen_cases,
             "z95": Z95}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "policy_reference.json")
with open(path, "w") as f:
    json.dump(reference, f, separators=(",", ":"))
print(f"wrote {path} ({os.path.getsize(path)} bytes)")
