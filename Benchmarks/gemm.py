"""Benchmark: dense matrix product C = A B (N x N, default 1024), ImmunoKit GEMM vs NumPy/OpenBLAS.

Usage:  python3 Benchmarks/gemm.py [--size 1024] [--repeats 5] [--rounds 3] [--threads 1] [--bench PATH]

Writes A and B (uniform [-1, 1), seed 1) once as raw float64 in column-major order, then alternates
`immunokit-bench gemm` (release build) and `numpy.matmul` in fresh processes for --rounds rounds, each
timing the best of --repeats products after a warm-up, so both see the same machine load. NumPy runs
with OpenBLAS limited to --threads threads (threadpoolctl, and OPENBLAS_NUM_THREADS); ImmunoKit with
the same number of workers. OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, which some machines set for older
OpenBLAS builds and which slow a current one, are removed from the NumPy child's environment only; the
kernel OpenBLAS then selects is printed (threadpoolctl's "architecture").

Prints both GFLOP/s (2 N^3 / best seconds), the ratio ImmunoKit / OpenBLAS (the target is >= 0.60
single-threaded), and the accuracy: max |C_immunokit - C_numpy| and each tool's own check.

Pinned: see Benchmarks/requirements.txt (numpy, threadpoolctl).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

from benchlib import summary

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

NUMPY_CHILD = r"""
import json, sys, time
import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits
n, repeats, threads, path_a, path_b, path_c = sys.argv[1:7]
n, repeats, threads = int(n), int(repeats), int(threads)
a = np.fromfile(path_a, dtype="<f8").reshape((n, n), order="F")
b = np.fromfile(path_b, dtype="<f8").reshape((n, n), order="F")
with threadpool_limits(limits=threads, user_api="blas"):
    c = a @ b  # warm-up
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        c = a @ b
        best = min(best, time.perf_counter() - t0)
    info = [i for i in threadpool_info() if i.get("user_api") == "blas"]
np.asfortranarray(c).ravel(order="F").tofile(path_c)
print(json.dumps({"tool": "numpy " + np.__version__, "seconds": best, "gflops": 2 * n**3 / best / 1e9,
                  "blas": [{k: i.get(k) for k in ("internal_api", "version", "architecture", "num_threads")}
                           for i in info]}))
"""


def run(cmd, env=None):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1024)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--bench", help="a built immunokit-bench binary (default: build it in release mode)")
    args = parser.parse_args()

    bench = args.bench
    if bench is None:
        subprocess.run(["swift", "build", "-c", "release", "--product", "immunokit-bench"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        bench = os.path.join(ROOT, ".build", "release", "immunokit-bench")

    numpy_env = dict(os.environ)
    removed = [k for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE") if numpy_env.pop(k, None) is not None]
    numpy_env["OPENBLAS_NUM_THREADS"] = str(args.threads)

    n = args.size
    rng = np.random.default_rng(1)
    a = rng.uniform(-1, 1, (n, n))
    b = rng.uniform(-1, 1, (n, n))
    swift_runs, numpy_runs = [], []
    with tempfile.TemporaryDirectory() as tmp:
        pa, pb, pc = (os.path.join(tmp, name) for name in ("a.f64", "b.f64", "c_numpy.f64"))
        a.ravel(order="F").tofile(pa)
        b.ravel(order="F").tofile(pb)
        for _ in range(args.rounds):
            numpy_runs.append(run([sys.executable, "-c", NUMPY_CHILD, str(n), str(args.repeats), str(args.threads),
                                   pa, pb, pc], env=numpy_env))
            swift_runs.append(run([bench, "gemm", "--size", str(n), "--repeats", str(args.repeats),
                                   "--threads", str(args.threads), "--a", pa, "--b", pb, "--reference", pc]))
    s = min(swift_runs, key=lambda r: r["seconds"])
    p = min(numpy_runs, key=lambda r: r["seconds"])
    exact_scale = float(np.abs(a).sum(axis=1).max() * np.abs(b).max())  # bound on |A||B| entries
    print(f"GEMM {n}x{n}x{n}, {args.threads} thread(s), best of {args.repeats} x {args.rounds} rounds")
    print(f"OpenBLAS kernel: {p['blas']}  (removed from its environment: {removed or 'nothing set'})")
    print(f"immunokit   {s['seconds']:.4f} s  {s['gflops']:.1f} GFLOP/s")
    print(f"{p['tool']:<11} {p['seconds']:.4f} s  {p['gflops']:.1f} GFLOP/s")
    summary(f"GEMM ({args.threads} thread)", f"{n}³", s["seconds"], "OpenBLAS " + (p["blas"][0]["architecture"] if p["blas"] else ""), p["seconds"],
            s["gflops"], p["gflops"], "GFLOP/s")
    print(f"ratio immunokit / OpenBLAS GFLOP/s: {s['gflops'] / p['gflops']:.2f}  (target >= 0.60)")
    print(f"max |C_immunokit - C_numpy| = {s['max_abs_diff_vs_reference']:.3g}; "
          f"vs a naive triple loop = {s['max_abs_diff_vs_direct']:.3g}; "
          f"|A||B| scale {exact_scale:.3g}, n*eps*scale = {n * np.finfo(float).eps * exact_scale:.3g}")
    print(json.dumps({"immunokit": s, "numpy": p, "ratio": s["gflops"] / p["gflops"]}))


if __name__ == "__main__":
    main()
