"""NumPy counterparts of `immunokit-bench policy` (same sizes: 100,000 patients, 4 arms), then the Swift run.

Usage, from the repository root, after `swift build -c release --product immunokit-bench`:
    python3 Benchmarks/policy.py [--bench .build/release/immunokit-bench]
"""
import argparse
import subprocess
import time

import numpy as np
rng = np.random.default_rng(1); n, k = 100_000, 4
z = np.exp(rng.normal(size=(n, k))); e = z / z.sum(1, keepdims=True)
arm = (rng.uniform(size=(n, 1)) > np.cumsum(e, 1)).sum(1).clip(0, k - 1)
mu = rng.uniform(size=(n, k)); y = (mu[np.arange(n), arm] > rng.uniform(size=n)).astype(float)
pi = np.eye(k)[mu.argmax(1)]
def value():
    rho = pi[np.arange(n), arm] / e[np.arange(n), arm]
    ipw = rho * y; dr = (pi * mu).sum(1) + rho * (y - mu[np.arange(n), arm])
    vsn = ipw.sum() / rho.sum(); sn = vsn + rho * (y - vsn) / rho.mean()
    return [(p.mean(), p.std(ddof=1) / np.sqrt(n)) for p in (ipw, sn, dr)]
best = min((lambda t0: (value(), time.perf_counter() - t0)[1])(time.perf_counter()) for _ in range(5))
print(f"numpy off-policy value (IPW, SNIPW, DR + SEs), n = 100k, K = 4: {best*1e3:.2f} ms")
x = rng.normal(size=n); s = 0.5 * np.maximum(x, 0) + 2 * rng.normal(size=n)
def rate():
    o = np.argsort(-x, kind="stable"); d = s[o]; c = np.arange(1, n + 1)
    ate = d.mean(); toc = np.cumsum(d) / c - ate; return toc.mean()
best = min((lambda t0: (rate(), time.perf_counter() - t0)[1])(time.perf_counter()) for _ in range(5))
print(f"numpy AUTOC point estimate (vectorised, no ties), n = 100k: {best*1e3:.2f} ms")

parser = argparse.ArgumentParser()
parser.add_argument("--bench", default=".build/release/immunokit-bench")
print(subprocess.run([parser.parse_args().bench, "policy"], check=True, capture_output=True, text=True).stdout, end="")
