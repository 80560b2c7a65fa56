"""Overall expression (OE) reference values, a NumPy transcription of the formula in
Sources/Signatures/Scoring/OverallExpressionScoring.swift (Jerby-Arnon et al. 2018 Cell; the limit of their
random-control estimate): centre genes across samples, 50 equal-frequency bins of gene means (ties broken by
gene order), OE = mean over set genes of (centred value - mean centred value of the gene's bin).

Run: python3 generate_oe.py   (NumPy version pinned in requirements.txt)
"""
import json

import numpy as np

rng = np.random.default_rng(2018)
genes, samples = 400, 12
x = rng.normal(6, 2.5, size=(genes, 1)) + rng.normal(0, 1, size=(genes, samples))
programme = rng.normal(0, 1.2, size=samples)
up, down = list(range(10, 40)), list(range(200, 220))
x[up] += programme
x[down] -= 0.5 * programme
x = np.round(x, 5)
x[5, 3] = np.nan  # a missing value in a control gene
x[12, 7] = np.nan  # and one in a set gene

means = np.nanmean(x, axis=1)
r = x - means[:, None]
order = sorted(range(genes), key=lambda g: (means[g], g))
B = 50
bins = np.empty(genes, dtype=int)
for rank, g in enumerate(order):
    bins[g] = rank * B // genes
bin_means = np.array([[np.nanmean(r[bins == b, s]) for s in range(samples)] for b in range(B)])


def oe(idx):
    out = []
    for s in range(samples):
        v = [r[g, s] - bin_means[bins[g], s] for g in idx if not np.isnan(r[g, s])]
        out.append(float(np.mean(v)))
    return out


json.dump({"values": [[None if np.isnan(v) else float(v) for v in row] for row in x], "up": up, "down": down,
           "oe_up": oe(up), "oe_down": oe(down), "programme": programme.tolist()},
          open("oe_reference.json", "w"), indent=0)
