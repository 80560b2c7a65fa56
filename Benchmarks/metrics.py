"""Metric benchmarks: ImmunoKit vs scikit-learn (+ a NumPy DeLong) and lifelines.

    /tmp/eval-venv/bin/pip install -r Tests/Fixtures/evaluation/requirements.txt   # lifelines needs pandas < 3
    swift build -c release --product immunokit-bench
    /tmp/eval-venv/bin/python Benchmarks/metrics.py [auc] [cindex] [bootstrap] [--bench .build/release/immunokit-bench]

auc:       ROC AUC with DeLong variance and 95 % CI on 1,000,000 scores. Python: sklearn roc_auc_score for
           the AUC plus the vectorised fast-DeLong of Tests/Fixtures/evaluation/reference_delong.py (three
           scipy.stats.rankdata calls, Sun & Xu 2014) for the variance. Target: ImmunoKit >= 5x faster.
cindex:    Harrell's C on 100,000 patients. Python: lifelines.utils.concordance_index (O(n log n)).
           Target: >= 5x faster.
bootstrap: 1,000 bootstrap replicates of the AUC on 10,000 patients, 2 threads. Target: < 1 s. Python
           reference for scale: a loop of roc_auc_score over the same number of resamples.

Timings are the best of 5 runs (3 for the slow Python loops), excluding data generation and file I/O.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

from benchlib import summary, write

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures", "evaluation"))
from reference_delong import delong_auc  # noqa: E402


def best(f, repeats=5):
    t, r = float("inf"), None
    for _ in range(repeats):
        s = time.perf_counter()
        r = f()
        t = min(t, time.perf_counter() - s)
    return r, t


def swift(bench, *args):
    out = subprocess.run([bench, "metrics", *args], check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def report(task, py_seconds, sw_seconds, py_value, sw_value, target=5.0):
    ratio = py_seconds / sw_seconds
    summary(task, "", sw_seconds, "scikit-learn / lifelines", py_seconds, sw_value, py_value, "value")
    print(json.dumps(dict(task=task, python_seconds=round(py_seconds, 5), immunokit_seconds=round(sw_seconds, 5),
                          ratio=round(ratio, 1), target_ratio=target, passed=ratio >= target,
                          python_value=py_value, immunokit_value=sw_value)))


def bench_auc(bench, dir):
    from sklearn.metrics import roc_auc_score
    rng = np.random.default_rng(0)
    n = 1_000_000
    y = (rng.random(n) < 0.3).astype(float)
    s = np.round(rng.standard_normal(n) + 0.8 * y, 4)   # some ties, as real scores have
    write(dir, "scores.f64", s)
    write(dir, "labels.f64", y)

    def python():
        auc = roc_auc_score(y, s)
        d = delong_auc(s, y)
        return dict(auc=auc, variance=d["variance"], lower=d["lower"], upper=d["upper"])
    py, py_t = best(python)
    sw = swift(bench, "auc", "--dir", dir)
    report("auc_delong_1e6", py_t, sw["seconds"], py,
           dict(auc=sw["auc"], variance=sw["variance"], lower=sw["lower"], upper=sw["upper"]))


def bench_cindex(bench, dir):
    from lifelines.utils import concordance_index
    rng = np.random.default_rng(1)
    n = 100_000
    risk = rng.standard_normal(n)
    t_event = rng.exponential(np.exp(-0.7 * risk))
    t_cens = rng.exponential(1.5, n)
    t = np.minimum(t_event, t_cens)
    e = (t_event <= t_cens).astype(float)
    write(dir, "time.f64", t)
    write(dir, "event.f64", e)
    write(dir, "risk.f64", risk)
    py, py_t = best(lambda: concordance_index(t, -risk, e), repeats=3)
    sw = swift(bench, "cindex", "--dir", dir)
    report("harrell_c_1e5", py_t, sw["seconds"], py, sw["cindex"])


def bench_bootstrap(bench, threads):
    from sklearn.metrics import roc_auc_score
    sw = swift(bench, "bootstrap", "--threads", str(threads))
    rng = np.random.default_rng(1)
    n, b = 10_000, 1000
    y = rng.random(n) < 0.3
    s = rng.standard_normal(n) + y

    def python():
        out = []
        for _ in range(b):
            i = rng.integers(0, n, n)
            out.append(roc_auc_score(y[i], s[i]))
        return np.percentile(out, [2.5, 97.5]).tolist()
    py, py_t = best(python, repeats=1)
    print(json.dumps(dict(task="bootstrap_auc_1000x1e4", threads=threads, immunokit_seconds=round(sw["seconds"], 4),
                          target_seconds=1.0, passed=sw["seconds"] < 1.0, immunokit_interval=[sw["lower"], sw["upper"]],
                          python_loop_seconds=round(py_t, 3), python_interval=py,
                          ratio=round(py_t / sw["seconds"], 1))))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("tasks", nargs="*", default=["auc", "cindex", "bootstrap"])
    parser.add_argument("--bench", default=".build/release/immunokit-bench")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as dir:
        if "auc" in args.tasks:
            bench_auc(args.bench, dir)
        if "cindex" in args.tasks:
            bench_cindex(args.bench, dir)
        if "bootstrap" in args.tasks:
            bench_bootstrap(args.bench, args.threads)


if __name__ == "__main__":
    main()
