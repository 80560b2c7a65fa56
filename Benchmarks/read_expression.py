"""Benchmark: reading a gzip TSV expression matrix (genes x samples), ImmunoKit vs pandas.read_csv.

Usage:  python3 Benchmarks/read_expression.py [--genes 20000] [--samples 1000] [--repeats 3]

Writes a synthetic log2-TPM matrix once (5 decimals, as ORCESTRA files), then times
`pandas.read_csv(..., sep="\t", index_col=0)` and `immunokit-bench read-expression` (release build)
on the same file, each in a fresh process so that peak memory is measured per tool. Prints both
times, their ratio, both checksums (the accuracy check: both must read the same numbers) and the
peak memory of ImmunoKit relative to the matrix as Doubles (target < 1.5x above the process baseline).

Pinned: see Benchmarks/requirements.txt.
"""
import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

from benchlib import summary

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PANDAS_CHILD = r"""
import json, sys, time
import pandas as pd
def peak():  # VmHWM: peak resident set of this process image (Linux)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
t0 = time.perf_counter()
df = pd.read_csv(sys.argv[1], sep="\t", index_col=0)
m = df.to_numpy(dtype="float64")
seconds = time.perf_counter() - t0
print(json.dumps({"tool": "pandas " + pd.__version__, "seconds": seconds, "genes": m.shape[0],
                  "samples": m.shape[1], "checksum": float(m.sum()),
                  "peak_rss_bytes": peak()}))
"""


def write_matrix(path, genes, samples, seed=1):
    rng = np.random.default_rng(seed)
    values = rng.normal(3.0, 2.5, size=(genes, samples))
    with gzip.open(path, "wt", compresslevel=6) as out:
        out.write("gene\t" + "\t".join(f"S{j}" for j in range(samples)) + "\n")
        for g in range(genes):
            out.write(f"G{g}\t" + "\t".join(f"{v:.5f}" for v in values[g]) + "\n")


def run(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--genes", type=int, default=20000)
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    subprocess.run(["swift", "build", "-c", "release", "--product", "immunokit-bench"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    bench = os.path.join(ROOT, ".build", "release", "immunokit-bench")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "expr.tsv.gz")
        write_matrix(path, args.genes, args.samples)
        size = os.path.getsize(path)
        print(f"matrix: {args.genes} genes x {args.samples} samples, {size / 1e6:.1f} MB gzip")
        swift_runs = [run([bench, "read-expression", path]) for _ in range(args.repeats)]
        pandas_runs = [run([sys.executable, "-c", PANDAS_CHILD, path]) for _ in range(args.repeats)]
    s = min(swift_runs, key=lambda r: r["seconds"])
    p = min(pandas_runs, key=lambda r: r["seconds"])
    matrix = s["matrix_bytes"]
    extra = s["peak_rss_bytes"] - s["baseline_rss_bytes"]
    print(f"immunokit   {s['seconds']:.3f} s (best of {args.repeats})  checksum {s['checksum']:.6f}")
    print(f"{p['tool']:<11} {p['seconds']:.3f} s (best of {args.repeats})  checksum {p['checksum']:.6f}")
    print(f"ratio immunokit / pandas: {s['seconds'] / p['seconds']:.2f}")
    print(f"same values: {abs(s['checksum'] - p['checksum']) <= 1e-9 * abs(p['checksum']) + 1e-6}")
    summary("read gzip TSV expression matrix", f"{args.genes} × {args.samples}", s["seconds"], p["tool"], p["seconds"],
            s["checksum"], p["checksum"], "checksum", s["peak_rss_bytes"])
    print(f"peak memory: immunokit {extra / matrix:.2f}x the matrix as Doubles above its baseline "
          f"({s['peak_rss_bytes'] / 1e6:.0f} MB total), pandas {p['peak_rss_bytes'] / 1e6:.0f} MB total")


if __name__ == "__main__":
    main()
