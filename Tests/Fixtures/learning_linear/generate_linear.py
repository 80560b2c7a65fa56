"""Reference numbers for the linear models of Sources/Learning/Linear (logistic elastic net, Cox, Coxnet).

Usage:  python3 Tests/Fixtures/learning_linear/generate_linear.py   (versions pinned in requirements.txt)

Writes reference.json beside this file. Synthetic datasets are generated here with fixed seeds and stored in
the JSON (they are not real data). The real NCCTG lung data (lifelines 0.30.3 wheel copy, under
../shared/data/cohorts/survival_nonici) is read from the shared folder; only derived numbers (coefficients,
standard errors, log-likelihoods, hazards) are written, never the data.
"""
import json
import os
import warnings

import lifelines
import numpy as np
import pandas as pd
import sklearn
import sksurv
import statsmodels
from lifelines import CoxPHFitter
from sklearn.linear_model import LogisticRegression
from sksurv.linear_model import CoxnetSurvivalAnalysis
from sksurv.metrics import concordance_index_censored
from statsmodels.duration.hazard_regression import PHReg

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
SHARED = os.environ.get("IMMUNOKIT_SHARED_DATA", os.path.join(os.path.dirname(ROOT), "shared", "data"))
LUNG = os.path.join(SHARED, "cohorts", "survival_nonici", "lifelines_0.30.3", "lung.csv")
warnings.simplefilter("ignore")


def logistic_data(seed=1, n=200, p=6):
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(n, p))
    x = z.copy()
    x[:, 1] = 0.6 * z[:, 0] + 0.8 * z[:, 1]           # correlated pair
    x[:, 2] = 2.0 * z[:, 2] + 1.0                      # shifted, scaled
    beta = np.array([1.0, -0.8, 0.4, 0.0, 0.0, 0.3])[:p]
    eta = -0.3 + x @ beta
    y = (rng.uniform(size=n) < 1 / (1 + np.exp(-eta))).astype(float)
    w = rng.integers(1, 4, size=n).astype(float)       # integer weights 1..3
    return np.round(x, 6), y, w


def cox_data(seed=2, n=160, p=4, ties=True):
    rng = np.random.default_rng(seed)
    x = np.round(rng.normal(size=(n, p)), 6)
    beta = np.array([0.7, -0.5, 0.3, 0.0])[:p]
    t = rng.exponential(scale=np.exp(-(x @ beta)))
    c = rng.exponential(scale=1.5, size=n)
    time = np.minimum(t, c)
    if ties:
        time = np.ceil(time * 10) / 10                 # many tied times
    event = (t <= c).astype(int)
    w = rng.integers(1, 3, size=n).astype(float)
    return x, time, event, w


def coxnet_data(seed=3, n=150, p=30):
    rng = np.random.default_rng(seed)
    x = np.round(rng.normal(size=(n, p)), 6)
    beta = np.zeros(p)
    beta[:5] = [0.9, -0.7, 0.5, -0.4, 0.3]
    t = rng.exponential(scale=np.exp(-(x @ beta)))
    c = rng.exponential(scale=2.0, size=n)
    time = np.round(np.minimum(t, c), 6)
    event = (t <= c).astype(int)
    return x, time, event


def lifelines_fit(x, time, event, weights=None, robust=False, penalizer=0.0):
    """lifelines Efron fit at precision 1e-12 (its default 1e-7 leaves ~1e-5 in the coefficients)."""
    df = pd.DataFrame(x, columns=[f"x{j}" for j in range(x.shape[1])])
    df["T"], df["E"] = time, event
    kwargs = {}
    if weights is not None:
        df["W"] = weights
        kwargs["weights_col"] = "W"
    cph = CoxPHFitter(penalizer=penalizer)
    cph.fit(df, "T", "E", robust=robust, fit_options={"precision": 1e-12, "r_precision": 1e-14}, **kwargs)
    h = cph.baseline_cumulative_hazard_
    return {
        "coefficients": cph.params_.tolist(),
        "standardErrors": cph.standard_errors_.tolist(),
        "logLikelihood": float(cph.log_likelihood_),
        "nullLogLikelihood": float(cph._ll_null_),
        "baselineTimes": h.index.tolist(),
        "baselineCumulativeHazard": h.iloc[:, 0].tolist(),
        "means": cph._norm_mean.tolist(),
        "concordance": float(concordance_index_censored(np.asarray(event, bool), np.asarray(time, float),
                                                        x @ cph.params_.to_numpy())[0]),
        "likelihoodRatioStatistic": float(cph.log_likelihood_ratio_test().test_statistic),
    }


def main():
    out = {"versions": {"numpy": np.__version__, "scikit-learn": sklearn.__version__,
                        "lifelines": lifelines.__version__, "scikit-survival": sksurv.__version__,
                        "statsmodels": statsmodels.__version__}}

    # --- Logistic: sklearn saga (elastic net, lasso) and lbfgs (unpenalised, weighted ridge) -------------
    x, y, w = logistic_data()
    n = len(y)
    out["logistic"] = {"x": x.T.tolist(), "y": y.tolist(), "w": w.tolist(), "cases": []}
    for l1_ratio, lam in [(0.5, 0.02), (1.0, 0.01), (1.0, 0.05)]:
        C = 1.0 / (n * lam)
        m = LogisticRegression(l1_ratio=l1_ratio, C=C, solver="saga", tol=1e-12, max_iter=1_000_000)
        m.fit(x, y)
        out["logistic"]["cases"].append({"alpha": l1_ratio, "lambda": lam, "weighted": False, "solver": "saga",
                                         "coefficients": m.coef_[0].tolist(), "intercept": float(m.intercept_[0])})
    m = LogisticRegression(C=np.inf, solver="lbfgs", tol=1e-12, max_iter=100_000)
    m.fit(x, y)
    out["logistic"]["cases"].append({"alpha": 0.0, "lambda": 0.0, "weighted": False, "solver": "lbfgs",
                                     "coefficients": m.coef_[0].tolist(), "intercept": float(m.intercept_[0])})
    lam = 0.05
    C = 1.0 / (w.sum() * lam)
    m = LogisticRegression(l1_ratio=0.0, C=C, solver="lbfgs", tol=1e-12, max_iter=100_000)
    m.fit(x, y, sample_weight=w)
    out["logistic"]["cases"].append({"alpha": 0.0, "lambda": lam, "weighted": True, "solver": "lbfgs",
                                     "coefficients": m.coef_[0].tolist(), "intercept": float(m.intercept_[0])})

    # --- Cox: lifelines (Efron), statsmodels (Breslow), synthetic with ties and weights ------------------
    # lifelines' robust (Lin-Wei) score residuals do not handle tied times ("TODO: doesn't handle ties" in
    # coxph_fitter.py), so robust SEs are compared on a tie-free dataset (where Efron = Breslow residuals),
    # and with ties against statsmodels' Breslow robust covariance (groups = one row each).
    x, time, event, w = cox_data()
    n = len(time)
    out["cox"] = {"x": x.T.tolist(), "time": time.tolist(), "event": event.tolist(), "w": w.tolist()}
    out["cox"]["efron"] = lifelines_fit(x, time, event)
    out["cox"]["efronWeighted"] = lifelines_fit(x, time, event, weights=w)
    # penalised: lifelines maximises l(b) - n*penalizer/2*|b|^2 on its internally standardised covariates (std
    # with ddof=1), so give it covariates already standardised that way: ours with l2Penalty = penalizer.
    xs = (x - x.mean(0)) / x.std(0, ddof=1)
    out["cox"]["standardizedX"] = xs.T.tolist()
    out["cox"]["efronRidge"] = lifelines_fit(xs, time, event, penalizer=0.05)
    ph = PHReg(time, x, status=event, ties="breslow").fit()
    out["cox"]["breslow"] = {"coefficients": ph.params.tolist(), "standardErrors": ph.bse.tolist(),
                             "logLikelihood": float(ph.llf)}
    phr = PHReg(time, x, status=event, ties="breslow").fit(groups=np.arange(n))
    out["cox"]["breslowRobust"] = {"coefficients": phr.params.tolist(), "standardErrors": phr.bse.tolist(),
                                   "logLikelihood": float(phr.llf)}
    # Frequency weights = duplicated rows (exact), fitted on the expanded data.
    rep = np.repeat(np.arange(n), w.astype(int))
    phw = PHReg(time[rep], x[rep], status=event[rep], ties="breslow").fit()
    out["cox"]["breslowWeighted"] = {"coefficients": phw.params.tolist(), "standardErrors": phw.bse.tolist(),
                                     "logLikelihood": float(phw.llf)}

    x, time, event, w = cox_data(seed=4, ties=False)
    out["coxNoTies"] = {"x": x.T.tolist(), "time": time.tolist(), "event": event.tolist(), "w": w.tolist(),
                        "efronRobust": lifelines_fit(x, time, event, robust=True),
                        "efronWeightedRobust": lifelines_fit(x, time, event, weights=w, robust=True)}

    # --- Real data: NCCTG lung (derived numbers only) -----------------------------------------------------
    if os.path.exists(LUNG):
        lung = pd.read_csv(LUNG)[["time", "status", "age", "sex", "ph.ecog", "ph.karno", "wt.loss"]].dropna()
        cols = ["age", "sex", "ph.ecog", "ph.karno", "wt.loss"]
        lx = lung[cols].to_numpy(float)
        out["lung"] = {"columns": cols, "rows": int(len(lung)),
                       "efron": lifelines_fit(lx, lung["time"].to_numpy(float), lung["status"].to_numpy(int))}
        ph = PHReg(lung["time"].to_numpy(float), lx, status=lung["status"].to_numpy(int), ties="breslow").fit()
        out["lung"]["breslow"] = {"coefficients": ph.params.tolist(), "standardErrors": ph.bse.tolist(),
                                  "logLikelihood": float(ph.llf)}
        ph = PHReg(lung["time"].to_numpy(float), lx, status=lung["status"].to_numpy(int),
                   ties="breslow").fit(groups=np.arange(len(lung)))
        out["lung"]["breslowRobust"] = {"coefficients": ph.params.tolist(), "standardErrors": ph.bse.tolist(),
                                        "logLikelihood": float(ph.llf)}

    # --- Coxnet: scikit-survival path ----------------------------------------------------------------------
    x, time, event = coxnet_data()
    y = np.array(list(zip(event.astype(bool), time)), dtype=[("event", bool), ("time", float)])
    out["coxnet"] = {"x": x.T.tolist(), "time": time.tolist(), "event": event.tolist(), "paths": []}
    for l1_ratio in [1.0, 0.5]:
        m = CoxnetSurvivalAnalysis(l1_ratio=l1_ratio, n_alphas=30, alpha_min_ratio=0.02, tol=1e-12,
                                   max_iter=1_000_000)
        m.fit(x, y)
        out["coxnet"]["paths"].append({"alpha": l1_ratio, "lambdas": m.alphas_.tolist(),
                                       "coefficients": m.coef_.T.tolist()})

    with open(os.path.join(HERE, "reference.json"), "w") as f:
        json.dump(out, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print("wrote", os.path.join(HERE, "reference.json"))


if __name__ == "__main__":
    main()
