"""Tree-learner benchmarks: ImmunoKit vs LightGBM, scikit-learn HistGradientBoosting and scikit-survival.

    pip install -r Tests/Fixtures/learning_trees/requirements.txt
    swift build -c release --product immunokit-bench
    python Benchmarks/trees.py [gbdt] [rsf] [--threads 2] [--bench .build/release/immunokit-bench]

gbdt: binary classification, 100,000 x 50 (5 % missing in two features), 200 trees, 31 leaves,
      learning rate 0.1, min 20 rows per leaf, lambda 0, 255 bins; test AUC on 20,000 rows.
rsf:  5,000 x 20 survival, 100 trees, scikit-survival defaults (min_samples_split 6,
      min_samples_leaf 3, max_features sqrt); test C-index on 2,000 rows.

Every library runs in its own process with the same thread count; each prints its fit time and its
peak resident memory (VmHWM of that process). Predictions are scored here with the same metric
(sklearn roc_auc_score, sksurv concordance_index_censored). Targets: GBDT time ratio >= 1.0 vs
LightGBM and >= 1.5 vs HistGradientBoosting at equal AUC; RSF >= 5x vs scikit-survival with peak
memory < 1 GB.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

from benchlib import summary, vmhwm, write, read


def make_gbdt(dir, n=100_000, m=20_000, p=50, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n + m, p))
    logit = (X[:, 0] - 0.8 * X[:, 1] + 0.6 * X[:, 2] * X[:, 3] + 0.8 * np.sin(2 * X[:, 4])
             + 0.5 * (X[:, 5] > 0) + 0.3 * X[:, 6:16].sum(axis=1) / 3)
    y = (rng.random(n + m) < 1 / (1 + np.exp(-logit))).astype(float)
    for j in (7, 8):
        X[rng.random(n + m) < 0.05, j] = np.nan
    write(dir, "X_train.f64", X[:n].T.ravel())      # column-major
    write(dir, "X_test.f64", X[n:].T.ravel())
    write(dir, "y_train.f64", y[:n])
    write(dir, "y_test.f64", y[n:])


def make_rsf(dir, n=5_000, m=2_000, p=20, seed=1):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n + m, p))
    lp = 0.8 * X[:, 0] - 0.6 * X[:, 1] + 0.5 * X[:, 2] ** 2 + 0.4 * X[:, 3] * X[:, 4] + 0.3 * X[:, 5]
    t = -np.log(rng.random(n + m)) / (0.1 * np.exp(lp))
    c = -np.log(rng.random(n + m)) / 0.06
    write(dir, "X_train.f64", X[:n].T.ravel())
    write(dir, "X_test.f64", X[n:].T.ravel())
    write(dir, "time_train.f64", np.minimum(t, c)[:n])
    write(dir, "event_train.f64", (t <= c)[:n].astype(float))
    write(dir, "time_test.f64", np.minimum(t, c)[n:])
    write(dir, "event_test.f64", (t <= c)[n:].astype(float))


def load(dir, target):
    X_train = read(dir, "X_train.f64")
    X_test = read(dir, "X_test.f64")
    y = read(dir, target)
    p = X_train.size // y.size
    return X_train.reshape(p, -1).T.copy(), X_test.reshape(p, -1).T.copy(), y


def child(tool, dir, threads):
    """Runs one Python library in this (fresh) process and prints one JSON line."""
    start = time.perf_counter()
    if tool in ("lightgbm", "sklearn-hgb"):
        X_train, X_test, y = load(dir, "y_train.f64")
        start = time.perf_counter()
        if tool == "lightgbm":
            import lightgbm
            model = lightgbm.LGBMClassifier(n_estimators=200, learning_rate=0.1, num_leaves=31, min_child_samples=20,
                                            min_child_weight=1e-3, reg_lambda=0.0, max_bin=255, n_jobs=threads,
                                            verbose=-1)
        else:
            from sklearn.ensemble import HistGradientBoostingClassifier
            model = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.1, max_leaf_nodes=31,
                                                   min_samples_leaf=20, l2_regularization=0.0, max_bins=255,
                                                   early_stopping=False)
        model.fit(X_train, y)
        fit = time.perf_counter() - start
        pred = model.predict_proba(X_test)[:, 1]
    else:
        from sksurv.ensemble import RandomSurvivalForest
        from sksurv.util import Surv
        X_train, X_test, t = load(dir, "time_train.f64")
        e = read(dir, "event_train.f64") != 0
        start = time.perf_counter()
        model = RandomSurvivalForest(n_estimators=100, min_samples_split=6, min_samples_leaf=3, max_features="sqrt",
                                     n_jobs=threads, random_state=0)
        model.fit(X_train, Surv.from_arrays(e, t))
        fit = time.perf_counter() - start
        pred = model.predict(X_test)
    total = time.perf_counter() - start
    write(dir, f"{tool}.f64", pred)
    print(json.dumps({"tool": tool, "fit_seconds": fit, "total_seconds": total, "peak_rss_bytes": vmhwm()}))


def run(cmd, env):
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("tasks", nargs="*", default=["gbdt", "rsf"])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--bench", default=None, help="path of the immunokit-bench binary (default: swift run)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], args.threads)
        return
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads), OPENBLAS_NUM_THREADS="1")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    bench = [args.bench] if args.bench else ["swift", "run", "-c", "release", "--package-path", root, "immunokit-bench"]
    from sklearn.metrics import roc_auc_score
    from sksurv.metrics import concordance_index_censored
    with tempfile.TemporaryDirectory() as dir:
        for task in args.tasks:
            (make_gbdt if task == "gbdt" else make_rsf)(dir)
            tools = ["lightgbm", "sklearn-hgb"] if task == "gbdt" else ["sksurv"]
            results = {"immunokit": run(bench + ["trees", task, "--dir", dir, "--threads", str(args.threads)], env)}
            for tool in tools:
                results[tool] = run([sys.executable, os.path.abspath(__file__), "--child", tool, dir,
                                     "--threads", str(args.threads)], env)
            for tool, r in results.items():
                pred = read(dir, "swift_%s.f64" % task if tool == "immunokit" else f"{tool}.f64")
                if task == "gbdt":
                    r["test_auc"] = roc_auc_score(read(dir, "y_test.f64"), pred)
                else:
                    r["test_cindex"] = concordance_index_censored(read(dir, "event_test.f64") != 0,
                                                                  read(dir, "time_test.f64"), pred)[0]
            swift = results["immunokit"]["fit_seconds"]
            print(f"== {task} ({args.threads} threads)")
            for tool, r in results.items():
                metric = r.get("test_auc", r.get("test_cindex"))
                ratio = r["fit_seconds"] / swift
                print(f"{tool:12s} fit {r['fit_seconds']:8.2f} s  ratio (their time / ours) {ratio:6.2f}  "
                      f"{'AUC' if task == 'gbdt' else 'C'} {metric:.4f}  peak {r['peak_rss_bytes'] / 2**20:8.1f} MiB")
            ours = results["immunokit"]
            metric_name = "test AUC" if task == "gbdt" else "test C"
            for tool, r in results.items():
                if tool == "immunokit":
                    continue
                summary("GBDT binary, 200 trees, 31 leaves" if task == "gbdt" else "random survival forest, 100 trees",
                        "100,000 × 50" if task == "gbdt" else "5,000 × 20", ours["fit_seconds"], tool, r["fit_seconds"],
                        ours.get("test_auc", ours.get("test_cindex")), r.get("test_auc", r.get("test_cindex")),
                        metric_name, ours["peak_rss_bytes"])
            print(json.dumps(results))


if __name__ == "__main__":
    main()
