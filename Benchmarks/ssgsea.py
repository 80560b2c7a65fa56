"""Benchmark: ssGSEA of 50 gene sets (50-200 genes) on a synthetic 20,000 x 1,000 log-TPM matrix,
ImmunoKit vs gseapy.

Usage:  python3 Benchmarks/ssgsea.py [--genes 20000] [--samples 1000] [--sets 50] [--threads N]

Writes the matrix once (raw float64, gene-major) and a GMT file, then runs, each in a fresh process so that
peak memory (VmHWM) is per tool:
- gseapy.ssgsea(sample_norm_method="rank", correl_norm_type="rank", weight=0.25, min_size=1,
  permutation_num=0, threads=N) — settings under which gseapy's ES equals GSVA's un-normalised ssGSEA
  (see Tests/Fixtures/signatures_scoring/generate_scoring.py);
- `immunokit-bench ssgsea` (release build: `swift build -c release --product immunokit-bench`).
Prints both times (scoring only for ImmunoKit; gseapy's call on an in-memory DataFrame), the ratio, both peak
memories, ImmunoKit's peak relative to the matrix, and the max |difference| between the two score matrices.

Pinned: Tests/Fixtures/signatures_scoring/requirements.txt (gseapy 1.3.1, numpy, pandas).
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

GSEAPY_CHILD = r"""
import json, sys, time
import numpy as np, pandas as pd, gseapy
def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
path, genes, samples, gmt, out, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], int(sys.argv[6])
m = np.fromfile(path, dtype="<f8").reshape(genes, samples)
df = pd.DataFrame(m, index=[f"G{g}" for g in range(genes)], columns=[f"S{j}" for j in range(samples)])
sets = {}
for line in open(gmt):
    f = line.rstrip("\n").split("\t")
    sets[f[0]] = f[2:]
t0 = time.perf_counter()
res = gseapy.ssgsea(data=df, gene_sets=sets, sample_norm_method="rank", correl_norm_type="rank", weight=0.25,
                    min_size=1, max_size=100000, permutation_num=0, threads=threads, outdir=None, no_plot=True)
seconds = time.perf_counter() - t0
es = res.res2d.pivot(index="Term", columns="Name", values="ES").astype(float)
es = es.loc[list(sets.keys()), list(df.columns)].to_numpy()
es.astype("<f8").tofile(out)
print(json.dumps({"tool": "gseapy " + gseapy.__version__, "seconds": seconds, "peak_rss_bytes": peak(), "threads": threads}))
"""


def run(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--genes", type=int, default=20000)
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--sets", type=int, default=50)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    args = parser.parse_args()

    bench = os.path.join(ROOT, ".build", "release", "immunokit-bench")
    if not os.path.exists(bench):
        sys.exit(f"build first: swift build -c release --product immunokit-bench ({bench} not found)")
    rng = np.random.default_rng(7)
    with tempfile.TemporaryDirectory() as tmp:
        matrix = os.path.join(tmp, "m.f64")
        gmt = os.path.join(tmp, "sets.gmt")
        # log2(TPM + 1)-like values at full precision: no ties, so that the genes' order within a sample is
        # unique and both tools must give the same scores (with tied values, the order of tied genes in the
        # walk is implementation-defined: ImmunoKit follows R's stable order, gseapy's Rust sort differs).
        m = np.abs(rng.normal(3.0, 2.5, size=(args.genes, args.samples)))
        m.astype("<f8").tofile(matrix)
        with open(gmt, "w") as f:
            for s in range(args.sets):
                k = int(rng.integers(50, 201))
                genes = rng.choice(args.genes, size=k, replace=False)
                f.write(f"SET{s}\tna\t" + "\t".join(f"G{g}" for g in genes) + "\n")
        del m
        gp_out, ik_out = os.path.join(tmp, "gp.f64"), os.path.join(tmp, "ik.f64")
        gp = run([sys.executable, "-c", GSEAPY_CHILD, matrix, str(args.genes), str(args.samples), gmt, gp_out,
                  str(args.threads)])
        ik = run([bench, "ssgsea", "--matrix", matrix, "--genes", str(args.genes), "--samples", str(args.samples),
                  "--gmt", gmt, "--out", ik_out])
        a = np.fromfile(gp_out, dtype="<f8")
        b = np.fromfile(ik_out, dtype="<f8")
        diff = float(np.max(np.abs(a - b)))
        a_range = (float(np.min(a)), float(np.max(a)))
    print(f"gseapy:    {gp['seconds']:.2f} s, peak {gp['peak_rss_bytes'] / 1e9:.2f} GB ({gp['tool']}, {gp['threads']} threads)")
    print(f"ImmunoKit: {ik['seconds']:.2f} s, peak {ik['peak_rss_bytes'] / 1e9:.2f} GB "
          f"({ik['peak_rss_bytes'] / ik['matrix_bytes']:.2f}x the matrix of {ik['matrix_bytes'] / 1e9:.2f} GB, {ik['threads']} threads)")
    print(f"ratio:     {gp['seconds'] / ik['seconds']:.1f}x faster")
    print(f"max |ES difference| = {diff:.3g} (scores range {a_range[0]:.1f} … {a_range[1]:.1f})")
    summary(f"ssGSEA, {args.sets} gene sets", f"{args.genes:,} genes × {args.samples:,} samples", ik["seconds"], gp["tool"],
            gp["seconds"], diff, 0.0, "max |Δscore| vs peer", ik["peak_rss_bytes"])
    print(json.dumps({"gseapy": gp, "immunokit": ik, "ratio": gp["seconds"] / ik["seconds"], "max_abs_difference": diff}))


if __name__ == "__main__":
    main()
