"""DR-learner benchmark: ImmunoKit vs EconML's DRLearner with LightGBM nuisances.

    pip install -r Benchmarks/requirements.txt econml==0.17.0
    swift build -c release --product immunokit-bench
    python Benchmarks/dr_learner.py [--threads 2] [--seed 0] [--outcome-models pooled|per-arm] [--bench .build/release/immunokit-bench]

Data (generated here, written as raw float64 both tools read): 50,000 patients x 30 standard-normal
features, two arms with a confounded propensity logit(e) = 0.8 x0 - 0.6 x1 + 0.4 x2 x3, binary outcome with
logit P(Y(0) = 1) = 0.5 x0 + 0.5 x4 - 0.4 x5 + 0.3 x6 x7 and logit P(Y(1) = 1) = that + 0.6 + 0.8 x1 - 0.6 (x8 > 0).
The true CATE is P(Y(1) = 1 | x) - P(Y(0) = 1 | x); PEHE = sqrt(mean (CATE_hat - CATE)^2) over all patients.

Both tools: 5-fold cross-fitting, boosted-tree propensity and outcome models (100 trees, 31 leaves, learning
rate 0.1, 20 rows per leaf) and a boosted-tree regression final stage with the same settings. EconML's
DRLearner (discrete_outcome=True) regresses the outcome on [X, T] with one LGBMClassifier per fold; so does
ImmunoKit with --outcome-models pooled (the default here: the same design), while per-arm fits one classifier
per arm and fold (ImmunoKit's default design; 10 fits on about half the rows each). Each tool runs in its own
process with the same thread count; times are the fit (which includes the cross-fitting and the final stage)
plus the CATE prediction, the median of --repeat alternating runs of each. Target: ratio >= 3 at equal PEHE.
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


def make(dir, n=50_000, p=30, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    e = 1 / (1 + np.exp(-(0.8 * X[:, 0] - 0.6 * X[:, 1] + 0.4 * X[:, 2] * X[:, 3])))
    T = (rng.random(n) < e).astype(float)
    f0 = 0.5 * X[:, 0] + 0.5 * X[:, 4] - 0.4 * X[:, 5] + 0.3 * X[:, 6] * X[:, 7]
    f1 = f0 + 0.6 + 0.8 * X[:, 1] - 0.6 * (X[:, 8] > 0)
    p0, p1 = 1 / (1 + np.exp(-f0)), 1 / (1 + np.exp(-f1))
    Y = (rng.random(n) < np.where(T == 1, p1, p0)).astype(float)
    write(dir, "X.f64", X.T.ravel())   # column-major
    write(dir, "arm.f64", T)
    write(dir, "y.f64", Y)
    write(dir, "true_cate.f64", p1 - p0)


def child(dir, threads, trees, folds, seed):
    """EconML in this (fresh) process; prints one JSON line."""
    import lightgbm
    from econml.dr import DRLearner
    X = read(dir, "X.f64")
    y = read(dir, "y.f64")
    X = X.reshape(-1, y.size).T.copy()
    T = read(dir, "arm.f64").astype(int)
    params = dict(n_estimators=trees, learning_rate=0.1, num_leaves=31, min_child_samples=20, n_jobs=threads, verbose=-1)
    start = time.perf_counter()
    model = DRLearner(model_propensity=lightgbm.LGBMClassifier(**params),
                      model_regression=lightgbm.LGBMClassifier(**params),
                      model_final=lightgbm.LGBMRegressor(**params), discrete_outcome=True, cv=folds,
                      min_propensity=0.01, random_state=seed)
    model.fit(y, T, X=X)
    cate = model.effect(X, T0=0, T1=1)
    seconds = time.perf_counter() - start
    write(dir, "econml_cate.f64", cate)
    print(json.dumps({"tool": "econml", "fit_seconds": seconds, "peak_rss_bytes": vmhwm()}))


def run(cmd, env):
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--trees", type=int, default=100)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=0, help="seed of the simulated data and of both fits")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each tool, alternating; times are their medians (shared machines are noisy)")
    parser.add_argument("--outcome-models", choices=["pooled", "per-arm"], default="pooled",
                        help="ImmunoKit's outcome models: pooled on [X, T] as EconML's (default), or one per arm")
    parser.add_argument("--bench", default=None, help="path of the immunokit-bench binary (default: swift run)")
    parser.add_argument("--child", nargs=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.threads, args.trees, args.folds, args.seed)
        return
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads), OPENBLAS_NUM_THREADS="1")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    bench = [args.bench] if args.bench else ["swift", "run", "-c", "release", "--package-path", root, "immunokit-bench"]
    with tempfile.TemporaryDirectory() as dir:
        make(dir, n=args.rows, seed=args.seed)
        truth = read(dir, "true_cate.f64")
        ours_runs, theirs_runs = [], []
        for _ in range(args.repeat):
            ours_runs.append(run(bench + ["dr-learner", "--dir", dir, "--threads", str(args.threads), "--trees",
                                          str(args.trees), "--folds", str(args.folds), "--seed", str(args.seed),
                                          "--outcome-models", args.outcome_models], env))
            theirs_runs.append(run([sys.executable, os.path.abspath(__file__), "--child", dir, "--threads",
                                    str(args.threads), "--trees", str(args.trees), "--folds", str(args.folds),
                                    "--seed", str(args.seed)], env))
        ours, theirs = dict(ours_runs[-1]), dict(theirs_runs[-1])
        for r, runs in ((ours, ours_runs), (theirs, theirs_runs)):
            r["all_fit_seconds"] = [x["fit_seconds"] for x in runs]
            r["fit_seconds"] = float(np.median(r["all_fit_seconds"]))
        for r, name in ((ours, "swift_cate.f64"), (theirs, "econml_cate.f64")):
            r["pehe"] = float(np.sqrt(np.mean((read(dir, name) - truth) ** 2)))
        constant = float(np.sqrt(np.mean((truth.mean() - truth) ** 2)))
        print(f"== DR-learner, {args.rows:,} x 30, {args.folds}-fold cross-fitting, {args.trees} trees ({args.threads} threads, "
              f"seed {args.seed}, ImmunoKit outcome models {args.outcome_models}, median of {args.repeat} runs)")
        for tool, r in (("immunokit", ours), ("econml", theirs)):
            print(f"{tool:10s} fit {r['fit_seconds']:8.2f} s  ratio (their time / ours) {r['fit_seconds'] / ours['fit_seconds']:6.2f}  "
                  f"PEHE {r['pehe']:.4f}  (constant-effect PEHE {constant:.4f})  peak {r['peak_rss_bytes'] / 2**20:8.1f} MiB  "
                  f"runs {' '.join(f'{t:.2f}' for t in r['all_fit_seconds'])}")
        summary(f"DR-learner, GBDT nuisances, {args.folds}-fold cross-fitting", f"{args.rows:,} × 30", ours["fit_seconds"],
                "econml", theirs["fit_seconds"], ours["pehe"], theirs["pehe"], "PEHE", ours["peak_rss_bytes"])
        print(json.dumps({"immunokit": ours, "econml": theirs, "constant_pehe": constant}))


if __name__ == "__main__":
    main()
