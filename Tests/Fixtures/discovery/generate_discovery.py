"""Reference values for the Discovery tests (Tests/DiscoveryTests).

Run with the pinned versions of requirements.txt in a private venv:
    python3 -m venv /tmp/disc-venv && /tmp/disc-venv/bin/pip install -r requirements.txt
    /tmp/disc-venv/bin/python generate_discovery.py      # writes discovery.json next to this file

The meta-analysis and the maximally selected rank statistic are computed here in numpy from the published
formulas (DerSimonian & Laird 1986; Viechtbauer 2005 REML; Higgins & Thompson 2002 I²; Lausen & Schumacher 1992
and maxstat's cmaxstat/pLausen92); ../discovery_R/generate_discovery.R runs R metafor and maxstat on the same
inputs, and Tests/DiscoveryTests/RReferenceTests.swift checks ImmunoKit against those.
"""
import json, os
import numpy as np
import pandas as pd
import scipy, scipy.stats as st
import statsmodels, statsmodels.api as sm
from statsmodels.stats.multitest import multipletests
import lifelines
from lifelines import CoxPHFitter
from lifelines.statistics import logrank_test, multivariate_logrank_test

rng = np.random.default_rng(20260611)
out = {"versions": {"scipy": scipy.__version__, "numpy": np.__version__, "statsmodels": statsmodels.__version__,
                    "lifelines": lifelines.__version__}}

# 1. Multiple testing.
p = np.concatenate([rng.uniform(0, 1, 30), rng.uniform(0, 0.01, 10), [0.5, 0.5, 1.0, 0.0]])
out["fdr"] = {"p": p.tolist(), "bh": multipletests(p, method="fdr_bh")[1].tolist(),
              "by": multipletests(p, method="fdr_by")[1].tolist()}

# 2. Mann–Whitney (with ties: rounded values).
mw = []
for (n1, n2, shift, digits) in [(12, 17, 0.8, 1), (40, 55, 0.3, 0), (5, 6, 0.0, 3), (30, 25, -0.5, 2)]:
    x = np.round(rng.normal(shift, 1, n1), digits); y = np.round(rng.normal(0, 1, n2), digits)
    r = st.mannwhitneyu(x, y, alternative="two-sided", method="asymptotic", use_continuity=True)
    mw.append({"x": x.tolist(), "y": y.tolist(), "u": float(r.statistic), "p": float(r.pvalue)})
out["mannwhitney"] = mw

# 3. Fisher exact.
tables = [[[3, 1], [1, 3]], [[10, 2], [3, 15]], [[0, 5], [6, 4]], [[7, 9], [12, 3]], [[20, 30], [25, 28]], [[1, 0], [0, 1]]]
out["fisher"] = [{"table": t, "or": (lambda r: None if not np.isfinite(r[0]) else float(r[0]))(st.fisher_exact(t)),
                  "p": float(st.fisher_exact(t)[1])} for t in tables]

# 4. Logistic regression, with and without a covariate.
n = 150
x = rng.normal(0, 1, n); z = rng.normal(0, 1, n) + 0.3 * x
eta = -0.4 + 0.7 * x - 0.5 * z
y = (rng.uniform(0, 1, n) < 1 / (1 + np.exp(-eta))).astype(float)
m1 = sm.Logit(y, sm.add_constant(x)).fit(disp=0, tol=1e-12, maxiter=100)
m2 = sm.Logit(y, sm.add_constant(np.column_stack([x, z]))).fit(disp=0, tol=1e-12, maxiter=100)
out["logistic"] = {"x": x.tolist(), "z": z.tolist(), "y": y.tolist(),
                   "unadjusted": {"beta": float(m1.params[1]), "se": float(m1.bse[1]), "p": float(m1.pvalues[1])},
                   "adjusted": {"beta": float(m2.params[1]), "se": float(m2.bse[1]), "p": float(m2.pvalues[1])}}

# 5. Survival data: Cox (univariate and adjusted), log-rank (2 and 3 groups), stratified log-rank.
n = 120
x = rng.normal(0, 1, n); z = rng.normal(0, 1, n)
t_event = rng.exponential(1 / np.exp(0.5 * x + 0.3 * z))
t_cens = rng.exponential(1.5, n)
time = np.round(np.minimum(t_event, t_cens), 2) + 0.01   # rounded: tied times
event = (t_event <= t_cens).astype(int)
group3 = np.where(x < -0.5, "a", np.where(x < 0.5, "b", "c"))
group2 = np.where(z > 0, "hi", "lo")
strata = np.where(rng.uniform(0, 1, n) < 0.5, "s1", "s2")
df = pd.DataFrame({"time": time, "event": event, "x": x, "z": z})
c1 = CoxPHFitter().fit(df[["time", "event", "x"]], "time", "event", fit_options={"precision": 1e-14, "r_precision": 1e-14})
c2 = CoxPHFitter().fit(df, "time", "event", fit_options={"precision": 1e-14, "r_precision": 1e-14})
c2z = CoxPHFitter().fit(df[["time", "event", "z"]], "time", "event", fit_options={"precision": 1e-14, "r_precision": 1e-14})
lr2 = logrank_test(time[group2 == "hi"], time[group2 == "lo"], event[group2 == "hi"], event[group2 == "lo"])
lr3 = multivariate_logrank_test(time, group3, event)
# Stratified log-rank (survdiff with strata): sum O−E and V over strata, computed here from lifelines' per-stratum pieces.
def oe_var(t, e, g, labels):
    k = len(labels); u = np.zeros(k); V = np.zeros((k, k))
    for tt in np.unique(t[e == 1]):
        atr = t >= tt; nt = atr.sum(); d = ((t == tt) & (e == 1)).sum()
        nj = np.array([(atr & (g == l)).sum() for l in labels]); dj = np.array([((t == tt) & (e == 1) & (g == l)).sum() for l in labels])
        u += dj - d * nj / nt
        if nt > 1:
            pj = nj / nt; V += d * (nt - d) / (nt - 1) * (np.diag(pj) - np.outer(pj, pj))
    return u, V
labels = ["a", "b", "c"]
U = np.zeros(3); V = np.zeros((3, 3))
for s in ["s1", "s2"]:
    mask = strata == s
    u, v = oe_var(time[mask], event[mask], group3[mask], labels); U += u; V += v
x2s = float(U[:2] @ np.linalg.solve(V[:2, :2], U[:2]))
out["survival"] = {"time": time.tolist(), "event": event.tolist(), "x": x.tolist(), "z": z.tolist(),
                   "group3": group3.tolist(), "group2": group2.tolist(), "strata": strata.tolist(),
                   "cox_x": {"beta": float(c1.params_["x"]), "se": float(c1.standard_errors_["x"]), "p": float(c1.summary.loc["x", "p"]),
                             "lr": float(c1.log_likelihood_ratio_test().test_statistic)},
                   "cox_x_adj_z": {"beta": float(c2.params_["x"]), "se": float(c2.standard_errors_["x"]), "p": float(c2.summary.loc["x", "p"]),
                                   "lr": float(2 * (c2.log_likelihood_ - c2z.log_likelihood_))},
                   "logrank2": {"stat": float(lr2.test_statistic), "p": float(lr2.p_value)},
                   "logrank3": {"stat": float(lr3.test_statistic), "p": float(lr3.p_value)},
                   "logrank3_stratified": {"stat": x2s, "p": float(st.chi2.sf(x2s, 2))}}

# 6. Meta-analysis (metafor formulas).
def meta(y, se, method):
    v = se ** 2; w = 1 / v; k = len(y)
    fe = (w * y).sum() / w.sum(); Q = (w * (y - fe) ** 2).sum()
    dl = max(0.0, (Q - (k - 1)) / (w.sum() - (w ** 2).sum() / w.sum()))
    t2 = 0.0 if method == "FE" else dl
    if method == "REML":
        for _ in range(10000):
            ws = 1 / (v + t2); th = (ws * y).sum() / ws.sum()
            new = max(0.0, (ws ** 2 * ((y - th) ** 2 - v)).sum() / (ws ** 2).sum() + 1 / ws.sum())
            if abs(new - t2) < 1e-15: t2 = new; break
            t2 = new
    ws = 1 / (v + t2); est = (ws * y).sum() / ws.sum(); sev = np.sqrt(1 / ws.sum())
    s2 = (k - 1) * w.sum() / (w.sum() ** 2 - (w ** 2).sum())
    i2 = max(0.0, (Q - (k - 1)) / Q) if method == "FE" else t2 / (t2 + s2)
    return {"est": est, "se": sev, "tau2": t2, "i2": i2, "q": Q, "p": float(2 * st.norm.sf(abs(est / sev)))}
metas = []
for (y, se) in [(np.array([0.2, 0.5, -0.1, 0.8, 0.35]), np.array([0.15, 0.2, 0.25, 0.3, 0.1])),
                (np.array([0.1, 0.12, 0.09]), np.array([0.05, 0.06, 0.04])),
                (np.array([-0.6, 0.4, 1.1, 0.0, -0.2, 0.7]), np.array([0.2, 0.3, 0.25, 0.15, 0.4, 0.2]))]:
    metas.append({"y": y.tolist(), "se": se.tolist(), **{m: meta(y, se, m) for m in ["FE", "DL", "REML"]}})
out["meta"] = metas

# 7. Maximally selected log-rank statistic (maxstat cmaxstat + pLausen92; no tied times).
n = 80
mk = np.round(rng.normal(0, 1, n), 1)                       # ties in the marker
te = rng.exponential(1 / np.exp(0.9 * (mk > 0.4))); tc = rng.exponential(2.0, n)
mt = np.minimum(te, tc); me = (te <= tc).astype(int)
order = np.argsort(mt, kind="stable"); H = 0.0; scores = np.zeros(n)
for r, i in enumerate(order):
    H += me[i] / (n - r); scores[i] = me[i] - H
ox = np.argsort(mk, kind="stable"); xs = mk[ox]; ys = scores[ox]
ties = np.concatenate([[False], xs[1:] == xs[:-1]])
m = np.nonzero(~ties)[0]          # (1-based index of first of each value) − 1 = count strictly below
m = m[(m >= np.floor(n * 0.1)) & (m <= np.floor(n * 0.9))]
ss = ys.sum(); E = m / n * ss; Vv = m * (n - m) / (n ** 2 * (n - 1)) * (n * (ys ** 2).sum() - ss ** 2)
test = np.abs((np.cumsum(ys)[m - 1] - E) / np.sqrt(Vv)); M = test.max(); cut = xs[m[np.argmax(test)] - 1]
db = st.norm.pdf(M); plau = max(4 * db / M + db * (M - 1 / M) * np.log((0.9 * 0.9) / (0.1 * 0.1)), 0)
out["maxstat"] = {"marker": mk.tolist(), "time": mt.tolist(), "event": me.tolist(), "statistic": float(M),
                  "cut": float(cut), "p": float(min(1.0, plau))}

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "discovery.json"), "w") as f:
    json.dump(out, f, indent=1, default=float)
print("wrote discovery.json")
