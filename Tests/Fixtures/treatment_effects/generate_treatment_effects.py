"""Reference values for Tests/TreatmentTests (treatment effects, propensity, weighting).

    python3 -m venv /tmp/venv-te && /tmp/venv-te/bin/pip install -r requirements.txt
    /tmp/venv-te/bin/python generate_treatment_effects.py      # writes treatment_effects.json here

Sections:
- multinomial: scikit-learn LogisticRegression (multinomial loss, lbfgs, tol 1e-12) with C = 1/(n*lambda),
  lambda = 0.01, and C=inf (unpenalised); coefficients, intercepts and probabilities.
- weighted_km: lifelines KaplanMeierFitter(weights=w) survival at each distinct time.
- weighted_cox: lifelines CoxPHFitter(robust=True, weights_col) on two arm indicators (3 arms).
- t_learner / s_learner: EconML TLearner(models=LinearRegression()) and SLearner(overall_model=LinearRegression())
  with 3 arms; CATE of arms 1, 2 vs 0.
- x_learner: NumPy transcription of the X-learner with the same cross-fitted OLS outcome models.
- balance: standardised mean differences and variance ratios before/after weighting (NumPy transcription).
- dr_learner: a NumPy/scikit-learn transcription of the cross-fitted DR-learner with unpenalised multinomial
  propensities, per-arm OLS outcome models, explicit folds and an OLS final stage (Kennedy 2023); and EconML's
  TLearner CATE on the same data for orientation.
- dr_learner, pooled: the transcription's pooled outcome models (one OLS per fold on X and arm indicators) and
  EconML's DRLearner (which fits its model_regression that way) on the same folds.
"""
import json
import os

import numpy as np
import pandas as pd
from lifelines import CoxPHFitter, KaplanMeierFitter
from sklearn.linear_model import LinearRegression, LogisticRegression

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261129)
out = {}

# --- multinomial propensity ------------------------------------------------------------------------
n, p, k = 300, 3, 3
X = rng.standard_normal((n, p))
eta = np.column_stack([np.zeros(n), 0.8 * X[:, 0] - 0.5 * X[:, 1] + 0.3, -0.6 * X[:, 0] + 0.7 * X[:, 2] - 0.2])
prob = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
A = np.array([rng.choice(k, p=row) for row in prob])
lam = 0.01
penalised = LogisticRegression(C=1 / (n * lam), tol=1e-12, max_iter=100000).fit(X, A)
unpenalised = LogisticRegression(C=np.inf, tol=1e-12, max_iter=100000).fit(X, A)
out["multinomial"] = {
    "X": X.T.tolist(), "arm": A.tolist(), "lambda": lam,
    "coef": penalised.coef_.tolist(), "intercept": penalised.intercept_.tolist(),
    "proba": penalised.predict_proba(X).T.tolist(),
    "proba_unpenalised": unpenalised.predict_proba(X).T.tolist(),
}

# --- weighted Kaplan–Meier ---------------------------------------------------------------------------
m = 200
T = np.round(rng.exponential(10, m), 0) + 1          # ties
E = rng.random(m) < 0.7
E[T == T.max()] = False   # no event at the last time: lifelines' weighted KM keeps the previous value where
                          # floating-point sums leave a tiny risk set after everyone has died (its quirk, not ours)
W = rng.uniform(0.2, 3.0, m)
km = KaplanMeierFitter().fit(T, E, weights=W)
sf = km.survival_function_
times = sorted(set(T.tolist()))
out["weighted_km"] = {"time": T.tolist(), "event": E.astype(int).tolist(), "weights": W.tolist(), "times": times,
                      "survival": [float(sf.loc[t].iloc[0]) for t in times]}

# --- weighted Cox, robust ----------------------------------------------------------------------------
m = 300
arm = rng.integers(0, 3, m)
x = rng.standard_normal(m)
hazard = 0.05 * np.exp(0.5 * (arm == 1) - 0.4 * (arm == 2) + 0.3 * x)
t_event = rng.exponential(1 / hazard)
t_cens = rng.uniform(5, 40, m)
Tc = np.minimum(t_event, t_cens)   # no ties: lifelines' robust score residuals ignore ties (its TODO)
Ec = (t_event <= t_cens).astype(int)
Wc = np.exp(0.4 * x) * rng.uniform(0.5, 1.5, m)   # weights correlated with a covariate, like IPW
df = pd.DataFrame({"a1": (arm == 1).astype(float), "a2": (arm == 2).astype(float), "T": Tc, "E": Ec, "w": Wc})
cph = CoxPHFitter().fit(df, "T", "E", weights_col="w", robust=True, fit_options={"precision": 1e-12})
out["weighted_cox"] = {"time": Tc.tolist(), "event": Ec.tolist(), "arm": arm.tolist(), "weights": Wc.tolist(),
                       "coef": cph.params_[["a1", "a2"]].tolist(),
                       "se": cph.standard_errors_[["a1", "a2"]].tolist()}

# --- T- and DR-learner with deterministic nuisances ---------------------------------------------------
n, p = 400, 3
X = rng.standard_normal((n, p))
eta = np.column_stack([np.zeros(n), 0.6 * X[:, 0] + 0.2, -0.5 * X[:, 1]])
prob = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
A = np.array([rng.choice(3, p=row) for row in prob])
tau = np.column_stack([np.zeros(n), 1 + 0.5 * X[:, 0], -0.5 + 0.8 * X[:, 2]])
Y = 0.5 * X[:, 0] - 0.3 * X[:, 1] + 0.2 * X[:, 2] + tau[np.arange(n), A] + rng.standard_normal(n)
folds = rng.permutation(np.arange(n) % 5)

from econml.metalearners import SLearner, TLearner

tl = TLearner(models=LinearRegression()).fit(Y, A, X=X)
t_cate = [tl.effect(X, T0=0, T1=a).tolist() for a in (1, 2)]
sl = SLearner(overall_model=LinearRegression()).fit(Y, A, X=X)
s_cate = [sl.effect(X, T0=0, T1=a).tolist() for a in (1, 2)]

mu = np.zeros((3, n))
pi = np.zeros((3, n))
for f in range(5):
    train, test = folds != f, folds == f
    lr = LogisticRegression(C=np.inf, tol=1e-12, max_iter=100000).fit(X[train], A[train])
    pi[:, test] = lr.predict_proba(X[test]).T
    for a in range(3):
        rows = train & (A == a)
        mu[a, test] = LinearRegression().fit(X[rows], Y[rows]).predict(X[test])
clip = 1e-6
gamma = np.array([mu[a] + (A == a) * (Y - mu[a]) / np.maximum(pi[a], clip) for a in range(3)])
dr_cate, dr_coef = [], []
for a in (1, 2):
    final = LinearRegression().fit(X, gamma[a] - gamma[0])
    dr_cate.append(final.predict(X).tolist())
    dr_coef.append([float(final.intercept_)] + final.coef_.tolist())
# X-learner (Kunzel 2019) with the same cross-fitted OLS outcome models, OLS final stages and the full-data
# unpenalised multinomial propensity for g = pi_a / (pi_a + pi_0).
full = LogisticRegression(C=np.inf, tol=1e-12, max_iter=100000).fit(X, A).predict_proba(X).T
x_cate = []
for a in (1, 2):
    t, c = A == a, A == 0
    tau1 = LinearRegression().fit(X[t], Y[t] - mu[0, t]).predict(X)
    tau0 = LinearRegression().fit(X[c], mu[a, c] - Y[c]).predict(X)
    g = full[a] / (full[a] + full[0])
    x_cate.append((g * tau0 + (1 - g) * tau1).tolist())
# Pooled outcome models (MetaLearner.outcomeModels = .pooled): per fold one OLS on [X, indicators of arms 1 and
# 2], evaluated at each arm (transcription); and EconML's DRLearner, which fits model_regression that way, on the
# same folds with the same propensity model, OLS final stage and clip.
from econml.dr import DRLearner


def indicators(arms):
    return np.column_stack([(arms == a).astype(float) for a in (1, 2)])


mu_pooled = np.zeros((3, n))
for f in range(5):
    train, test = folds != f, folds == f
    pooled = LinearRegression().fit(np.hstack([X[train], indicators(A[train])]), Y[train])
    for a in range(3):
        mu_pooled[a, test] = pooled.predict(np.hstack([X[test], indicators(np.full(test.sum(), a))]))
splits = [(np.where(folds != f)[0], np.where(folds == f)[0]) for f in range(5)]
drl = DRLearner(model_propensity=LogisticRegression(C=np.inf, tol=1e-12, max_iter=100000),
                model_regression=LinearRegression(), model_final=LinearRegression(), cv=splits,
                min_propensity=clip).fit(Y, A, X=X)
dr_pooled_cate = [drl.effect(X, T0=0, T1=a).tolist() for a in (1, 2)]
out["learners"] = {"X": X.T.tolist(), "arm": A.tolist(), "y": Y.tolist(), "folds": folds.tolist(), "clip": clip,
                   "mu_pooled": mu_pooled.tolist(), "dr_pooled_cate": dr_pooled_cate,
                   "t_cate": t_cate, "s_cate": s_cate, "dr_cate": dr_cate, "x_cate": x_cate, "dr_coef": dr_coef, "dr_scores": gamma.tolist(),
                   "propensity": pi.tolist(), "mu": mu.tolist(), "true_cate": tau[:, 1:].T.tolist()}

# --- balance table (NumPy transcription of Austin 2009 / cobalt's defaults) ------------------------------
m = 250
arm = rng.integers(0, 3, m)
B = np.column_stack([rng.standard_normal(m) + 0.4 * (arm == 1), rng.exponential(2, m) * (1 + 0.5 * (arm == 2))])
B[rng.random(m) < 0.05, 0] = np.nan
wb = rng.uniform(0.3, 2.5, m)


def moments(values, weights):
    ok = ~np.isnan(values)
    v, w = values[ok], weights[ok]
    mean = np.sum(w * v) / np.sum(w)
    return mean, np.sum(w * (v - mean) ** 2) / (np.sum(w) - np.sum(w ** 2) / np.sum(w))


rows = []
for a in (1, 2):
    for j in range(2):
        va, vr = B[arm == a, j], B[arm == 0, j]
        ma, sa = moments(va, np.ones_like(va))
        mr, sr = moments(vr, np.ones_like(vr))
        wma, wsa = moments(va, wb[arm == a])
        wmr, wsr = moments(vr, wb[arm == 0])
        scale = np.sqrt((sa + sr) / 2)
        rows.append({"arm": a, "covariate": j, "smd_before": (ma - mr) / scale, "smd_after": (wma - wmr) / scale,
                     "vr_before": sa / sr, "vr_after": wsa / wsr})
out["balance"] = {"X": [[None if np.isnan(v) else float(v) for v in B[:, j]] for j in range(2)], "arm": arm.tolist(),
                  "weights": wb.tolist(), "rows": rows}

with open(os.path.join(HERE, "treatment_effects.json"), "w") as fh:
    json.dump(out, fh, separators=(",", ":"))
print("wrote", os.path.join(HERE, "treatment_effects.json"), os.path.getsize(os.path.join(HERE, "treatment_effects.json")), "bytes")
