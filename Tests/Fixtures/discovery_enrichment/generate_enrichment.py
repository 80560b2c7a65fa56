"""Reference values for the enrichment tests (Tests/DiscoveryTests/EnrichmentTests.swift).

Run with the pinned versions of requirements.txt in a private venv:
    python3 -m venv /tmp/disc-enr-venv && /tmp/disc-enr-venv/bin/pip install -r requirements.txt
    /tmp/disc-enr-venv/bin/python generate_enrichment.py      # writes enrichment.json next to this file

1. Preranked GSEA: gseapy.prerank (Rust engine) on 2,000 genes with no tied metric values and 14 gene sets
   (two shifted towards the top / bottom of the ranking, the rest random; one set partly outside the ranking,
   one below min_size): ES, leading-edge genes, matched genes (exact), NES, nominal p and FDR q
   (Monte-Carlo: 2,000 gene-set permutations).
2. The significance formulas (NES, nominal p, FDR q) on a fixed ES vector and null matrix, through gseapy's
   reference implementation gseapy.algorithm.gsea_significance (exact).
3. Over-representation: scipy.stats.hypergeom.sf(k - 1, N, K, n) over a grid including far tails, and an
   end-to-end test (gene lists, universe) with BH q-values (scipy.stats.false_discovery_control).
"""
import json, os
import numpy as np
import pandas as pd
import scipy, scipy.stats as st
import gseapy
from gseapy.algorithm import gsea_significance

rng = np.random.default_rng(20261129)
out = {"versions": {"gseapy": gseapy.__version__, "numpy": np.__version__, "pandas": pd.__version__,
                    "scipy": scipy.__version__}}

# 1. Prerank.
N = 2000
genes = [f"G{i}" for i in range(N)]
metric = rng.normal(0, 1, N)
order = np.argsort(-metric)  # genes by decreasing metric
sets = {}
def pick(k, bias):
    # Sample k genes with probability increasing towards one end of the ranking (bias > 0: top).
    ranks = np.empty(N); ranks[order] = np.arange(N)
    w = np.exp(-bias * ranks / N) if bias > 0 else (np.exp(bias * (N - 1 - ranks) / N) if bias < 0 else np.ones(N))
    return list(rng.choice(N, size=k, replace=False, p=w / w.sum()))
sets["UP_STRONG"] = pick(40, 4.0)
sets["UP_WEAK"] = pick(80, 1.0)
sets["DOWN_STRONG"] = pick(30, -4.0)
sets["DOWN_WEAK"] = pick(120, -1.0)
for s in range(8):
    sets[f"RANDOM_{s}"] = pick(int(rng.integers(15, 200)), 0.0)
gene_sets = {name: [genes[i] for i in idx] for name, idx in sets.items()}
gene_sets["PARTLY_OUTSIDE"] = [genes[i] for i in pick(25, 2.0)] + [f"X{i}" for i in range(10)]
gene_sets["TOO_SMALL"] = [genes[i] for i in pick(10, 0.0)]
rnk = pd.Series(metric, index=genes)
res = gseapy.prerank(rnk=rnk, gene_sets=gene_sets, weight=1.0, min_size=15, max_size=500, permutation_num=2000,
                     seed=7, threads=1, outdir=None, no_plot=True, verbose=False)
df = res.res2d
rows = []
for _, r in df.iterrows():
    rows.append({"term": r["Term"], "es": float(r["ES"]), "nes": float(r["NES"]), "p": float(r["NOM p-val"]),
                 "fdr": float(r["FDR q-val"]), "lead": [g for g in str(r["Lead_genes"]).split(";") if g],
                 "matched": [g for g in res.results[r["Term"]]["matched_genes"].split(";") if g]})
out["prerank"] = {"genes": genes, "metric": metric.tolist(), "gene_sets": gene_sets, "weight": 1.0, "min_size": 15,
                  "max_size": 500, "permutations": 2000, "results": rows}

# 2. Significance formulas on a fixed null.
S, P = 9, 300
es = np.concatenate([rng.uniform(0.2, 0.7, 5), -rng.uniform(0.2, 0.7, 4)])
null = rng.normal(0, 0.25, (S, P))
sig = list(gsea_significance(es.tolist(), null))
out["significance"] = {"es": es.tolist(), "null": null.tolist(), "nes": [float(s[1]) for s in sig],
                       "p": [float(s[2]) for s in sig], "fdr": [float(s[3]) for s in sig]}

# 3. Hypergeometric upper tail P(X >= k), X ~ Hypergeometric(N universe, K in set, n drawn).
grid = []
for (Nu, K, n) in [(20000, 200, 500), (20000, 50, 300), (5000, 150, 40), (60, 20, 15), (1000, 999, 10), (20000, 15, 2000)]:
    ks = sorted(set([0, 1, 2, max(0, round(K * n / Nu)), min(K, n) // 2, min(K, n) - 1, min(K, n)]))
    for k in ks:
        if 0 <= k <= min(K, n):
            grid.append({"N": Nu, "K": K, "n": n, "k": k, "sf": float(st.hypergeom.sf(k - 1, Nu, K, n))})
out["hypergeometric"] = grid

universe = genes[:1500]
selected = [genes[i] for i in order[:150] if i < 1500]  # the top-ranked genes within the universe
ora = []
for name, members in gene_sets.items():
    inset = [g for g in members if g in set(universe)]
    K = len(inset); k = len(set(inset) & set(selected))
    ora.append({"term": name, "K": K, "k": k, "p": float(st.hypergeom.sf(k - 1, len(universe), K, len(selected))) if K > 0 else None})
pvals = [r["p"] for r in ora if r["p"] is not None]
q = st.false_discovery_control(pvals, method="bh")
j = 0
for r in ora:
    if r["p"] is not None:
        r["q"] = float(q[j]); j += 1
out["ora"] = {"universe": universe, "selected": selected, "results": ora}

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "enrichment.json"), "w") as f:
    json.dump(out, f, separators=(",", ":"))
