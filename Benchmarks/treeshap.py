"""TreeSHAP benchmark: ImmunoKit vs shap.TreeExplainer (compiled C++) on the same trees.

    pip install -r Tests/Fixtures/explanation/requirements.txt
    swift build -c release --product immunokit-bench
    python Benchmarks/treeshap.py [--bench .build/release/immunokit-bench] [--rows 1000] [--trees 500] [--depth 6]

Data: binary classification, 20,000 training rows x 20 features (5 % missing in two features), and
1,000 rows to explain. ImmunoKit fits a GBDT (500 trees of depth <= 6, <= 64 leaves, learning rate 0.1,
min 20 rows per leaf), exports its trees with their stored training covers (children, default child,
features, thresholds, node values, covers) to trees.json, and times exact path-dependent TreeSHAP on the
1,000 rows. This script rebuilds the same trees as a shap custom tree model and times
`TreeExplainer.shap_values` (feature_perturbation="tree_path_dependent", the compiled C++ tree_shap,
single-threaded). Both are best of 3, in wall time and in process CPU time (all threads; on a shared
machine the CPU time is the load-independent measure of work). ImmunoKit runs twice: on every core (its default, parallel over
rows) and pinned to one core with `taskset -c 0`, for a like-for-like single-thread ratio. Prints both
times, the ratios (shap time / ImmunoKit time; above 1: ImmunoKit is faster) and max |ImmunoKit - shap|
over all SHAP values.
"""
import argparse
import json
import os
import shutil
import subprocess
import tempfile
import time

import numpy as np

from benchlib import summary, write


def make_data(dir, n=20_000, m=1_000, p=20, seed=3):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n + m, p))
    logit = (X[:, 0] - 0.8 * X[:, 1] + 0.6 * X[:, 2] * X[:, 3] + 0.8 * np.sin(2 * X[:, 4])
             + 0.5 * (X[:, 5] > 0) + 0.3 * X[:, 6:16].sum(axis=1) / 3)
    y = (rng.random(n + m) < 1 / (1 + np.exp(-logit))).astype(float)
    for j in (7, 8):
        X[rng.random(n + m) < 0.05, j] = np.nan
    write(dir, "X_train.f64", X[:n].T.ravel())      # column-major
    write(dir, "y_train.f64", y[:n])
    write(dir, "X_explain.f64", X[n:].T.ravel())
    return X[n:]


def shap_model(exported):
    trees = []
    for t in exported["trees"]:
        trees.append({
            "children_left": np.array(t["left"], dtype=np.int32),
            "children_right": np.array(t["right"], dtype=np.int32),
            "children_default": np.array(t["default"], dtype=np.int32),
            "features": np.array(t["feature"], dtype=np.int32),
            "thresholds": np.array(t["threshold"], dtype=np.float64),
            "values": np.array(t["value"], dtype=np.float64).reshape(-1, 1),
            "node_sample_weight": np.array(t["cover"], dtype=np.float64),
        })
    return {"trees": trees, "base_offset": exported["offset"], "tree_output": "raw_value",
            "objective": "binary_crossentropy"}


def run(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bench", default=None, help="path of the immunokit-bench binary (default: swift run)")
    parser.add_argument("--trees", type=int, default=500)
    parser.add_argument("--depth", type=int, default=6)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    import shap
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    bench = [args.bench] if args.bench else ["swift", "run", "-c", "release", "--package-path", root, "immunokit-bench"]
    with tempfile.TemporaryDirectory() as dir:
        X = make_data(dir)
        common = ["treeshap", "--dir", dir, "--trees", str(args.trees), "--depth", str(args.depth),
                  "--repeats", str(args.repeats)]
        ours = run(bench + common)
        ours_values = np.fromfile(os.path.join(dir, "swift_shap.f64"), dtype="<f8").reshape(X.shape)
        single = None
        if shutil.which("taskset"):
            single = run(["taskset", "-c", "0"] + bench + common)
            single_values = np.fromfile(os.path.join(dir, "swift_shap.f64"), dtype="<f8").reshape(X.shape)
            assert np.array_equal(single_values, ours_values), "ImmunoKit's SHAP values depend on the thread count"

        with open(os.path.join(dir, "trees.json")) as f:
            explainer = shap.TreeExplainer(shap_model(json.load(f)), feature_perturbation="tree_path_dependent",
                                           model_output="raw")
        best = best_cpu = float("inf")
        for _ in range(args.repeats):
            start, cpu = time.perf_counter(), time.process_time()
            values = np.asarray(explainer.shap_values(X, check_additivity=False))
            best = min(best, time.perf_counter() - start)
            best_cpu = min(best_cpu, time.process_time() - cpu)
        diff = float(np.max(np.abs(values - ours_values)))
        base = abs(float(np.ravel(explainer.expected_value)[0]) - ours["expected_value"])

        size = f"{X.shape[0]:,} rows x {ours['trees']} trees (depth {ours['max_depth']}, {ours['mean_leaves']:.1f} leaves)"
        print(f"== TreeSHAP, {size}, {X.shape[1]} features")
        print(f"{'':34s} {'wall s':>8s} {'ratio':>6s}   {'CPU s':>8s} {'ratio':>6s}   (ratio: shap / ImmunoKit)")
        print(f"{'shap ' + shap.__version__ + ' (C++, 1 thread)':34s} {best:8.3f} {1:6.2f}   {best_cpu:8.3f} {1:6.2f}")
        for name, r in [(f"ImmunoKit ({ours['cores']} cores)", ours), ("ImmunoKit (taskset -c 0)", single)]:
            if r:
                print(f"{name:34s} {r['shap_seconds']:8.3f} {best / r['shap_seconds']:6.2f}   "
                      f"{r['shap_cpu_seconds']:8.3f} {best_cpu / r['shap_cpu_seconds']:6.2f}")
        print(f"max |ImmunoKit - shap| SHAP value {diff:.3e}, expected value {base:.3e}, "
              f"ImmunoKit local accuracy {ours['local_accuracy']:.3e}")
        summary(f"TreeSHAP, GBDT {ours['trees']} trees depth {ours['max_depth']}", f"{X.shape[0]:,} x {X.shape[1]}",
                ours["shap_seconds"], f"shap {shap.__version__}", best, diff, 0.0, "max |dSHAP|",
                ours["peak_rss_bytes"], note=f"{ours['cores']} cores; CPU s ImmunoKit {ours['shap_cpu_seconds']:.3f} / shap {best_cpu:.3f}")


if __name__ == "__main__":
    main()
