"""Reference metrics for ImmunoKit's tree learners (Tests/LearningTests/Trees).

The data sets are not committed: they are regenerated bit for bit here and in Swift
(`TreeFixtures.swift`) from the same formula, driven by SplitMix64 (Steele et al. 2014):
uniform u = ((x >> 11) + 0.5) / 2^53, normal z = sqrt(-2 log u1) cos(2 pi u2) (Box-Muller, one
value per pair). Checksums of the generated data are recorded so the Swift side can verify it
reproduces the same numbers.

    pip install -r requirements.txt
    python generate_trees.py            # writes reference_metrics.json beside this file
"""
import json
import math
import os

import numpy as np

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def uniform(self):
        return ((self.next() >> 11) + 0.5) * 2.0 ** -53

    def normal(self):
        u1 = self.uniform()
        u2 = self.uniform()
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)


def binary_data(n, seed):
    """10 features; feature 9 is missing with probability 0.15, and missingness raises the log-odds."""
    g = SplitMix64(seed)
    X = np.zeros((n, 10))
    y = np.zeros(n)
    for i in range(n):
        x = [g.normal() for _ in range(10)]
        missing = g.uniform() < 0.15
        logit = (1.0 * x[0] - 0.8 * x[1] + 0.6 * x[2] * x[3] + 0.8 * math.sin(2.0 * x[4])
                 + 0.5 * (1.0 if x[5] > 0 else 0.0) + 0.3 * x[9] + (1.0 if missing else 0.0))
        if missing:
            x[9] = float("nan")
        p = 1.0 / (1.0 + math.exp(-logit))
        y[i] = 1.0 if g.uniform() < p else 0.0
        X[i] = x
    return X, y


def survival_data(n, seed):
    """10 features; exponential event times with log-hazard 0.8 x0 - 0.6 x1 + 0.5 x2^2 + 0.4 x3 x4,
    exponential censoring (about 35 % censored)."""
    g = SplitMix64(seed)
    X = np.zeros((n, 10))
    time = np.zeros(n)
    event = np.zeros(n, dtype=bool)
    for i in range(n):
        x = [g.normal() for _ in range(10)]
        lp = 0.8 * x[0] - 0.6 * x[1] + 0.5 * x[2] * x[2] + 0.4 * x[3] * x[4]
        t = -math.log(g.uniform()) / (0.1 * math.exp(lp))
        c = -math.log(g.uniform()) / 0.06
        time[i] = min(t, c)
        event[i] = t <= c
        X[i] = x
    return X, time, event


def checksum(X):
    return float(np.nansum(X)), int(np.isnan(X).sum())


def main():
    out = {"versions": {}}
    import lightgbm
    import sklearn
    import sksurv
    out["versions"] = {"lightgbm": lightgbm.__version__, "scikit-learn": sklearn.__version__,
                       "scikit-survival": sksurv.__version__, "numpy": np.__version__}
    from sklearn.metrics import roc_auc_score

    Xtr, ytr = binary_data(5000, 1)
    Xte, yte = binary_data(5000, 2)
    out["binary"] = {"train_rows": 5000, "test_rows": 5000, "train_seed": 1, "test_seed": 2,
                     "train_checksum": checksum(Xtr), "test_checksum": checksum(Xte),
                     "train_positives": int(ytr.sum())}
    gbm = lightgbm.LGBMClassifier(n_estimators=100, learning_rate=0.1, num_leaves=31, min_child_samples=20,
                                  min_child_weight=1e-3, reg_lambda=0.0, max_bin=255, subsample=1.0,
                                  colsample_bytree=1.0, n_jobs=2, deterministic=True, verbose=-1)
    gbm.fit(Xtr, ytr)
    out["binary"]["lightgbm_test_auc"] = roc_auc_score(yte, gbm.predict_proba(Xte)[:, 1])

    from sklearn.ensemble import RandomForestClassifier
    aucs = []
    for seed in range(3):
        rf = RandomForestClassifier(n_estimators=100, max_features="sqrt", min_samples_leaf=1, n_jobs=2,
                                    random_state=seed)
        rf.fit(Xtr, ytr)
        aucs.append(roc_auc_score(yte, rf.predict_proba(Xte)[:, 1]))
    out["binary"]["sklearn_rf_test_auc"] = float(np.mean(aucs))
    out["binary"]["sklearn_rf_test_auc_per_seed"] = aucs

    from sksurv.ensemble import RandomSurvivalForest
    from sksurv.metrics import concordance_index_censored
    from sksurv.util import Surv
    Str, ttr, etr = survival_data(1500, 3)
    Ste, tte, ete = survival_data(1500, 4)
    out["survival"] = {"train_rows": 1500, "test_rows": 1500, "train_seed": 3, "test_seed": 4,
                       "train_checksum": checksum(Str), "train_time_sum": float(ttr.sum()),
                       "train_events": int(etr.sum())}
    cs = []
    for seed in range(3):
        rsf = RandomSurvivalForest(n_estimators=100, min_samples_split=6, min_samples_leaf=3, max_features="sqrt",
                                   n_jobs=2, random_state=seed)
        rsf.fit(Str, Surv.from_arrays(etr, ttr))
        cs.append(concordance_index_censored(ete, tte, rsf.predict(Ste))[0])
    out["survival"]["sksurv_rsf_test_cindex"] = float(np.mean(cs))
    out["survival"]["sksurv_rsf_test_cindex_per_seed"] = cs

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference_metrics.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=2, sort_keys=True)
        f.write("\n")
    print(json.dumps(out, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
