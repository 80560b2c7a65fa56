"""Reference values for ImmunoKit's ssGSEA and singscore (Tests/SignaturesTests/Scoring).

Usage:  python3 Tests/Fixtures/signatures_scoring/generate_scoring.py   (versions: requirements.txt)

GSVA's ssGSEA and the singscore package (singscore is not packaged for Debian, so R cannot run it here) are
re-implemented below as plainly as possible, following their R sources line by line:
- GSVA (Bioconductor, `.ssgsea` / `.rndWalk`): R = rank(x) per sample (1 = lowest), genes walked in
  decreasing order of R (stable for ties), step in-set |R|^alpha normalised, step out-set 1/(n-k), ES = sum
  of the running difference; `ssgsea.norm` divides every ES by max(ES) - min(ES) over the whole result.
  (GSVA truncates tied average ranks with as.integer(); the matrices here have no ties, so it does not matter.)
- singscore (`rankGenes` + `simpleScore`): ranks with ties.method = "min", score = (mean rank - (k+1)/2) /
  ((2N-k+1)/2 - (k+1)/2) - 0.5, down part 1 - score_down - 0.5, dispersion = mad (1.4826 * median |x - median|).

The ssGSEA reference is cross-checked against gseapy.ssgsea in this script (assertion, 1e-9): gseapy's "ES"
equals GSVA's un-normalised ssGSEA with sample_norm_method="rank" (rank * 10000 / n: the constant factor cancels
in the normalised in-set step), correl_norm_type="rank" (weights are the ranks themselves), weight=0.25,
min_size=1, max_size >= the largest set, permutation_num=0; gseapy's "NES" is ES / (max ES - min ES) over all
sets and samples, i.e. GSVA's ssgsea.norm = TRUE.

Matrices are synthetic (seeded normal draws, 5 decimals, no ties except the dedicated tie matrix).
"""
import json
import os

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))


def rank_average(x):
    return pd.Series(x).rank(method="average").to_numpy()


def rank_min(x):
    return pd.Series(x).rank(method="min").to_numpy()


def gsva_ssgsea(X, sets, alpha=0.25):
    """X: genes x samples. Returns sets x samples (un-normalised)."""
    n_genes, n_samples = X.shape
    out = np.zeros((len(sets), n_samples))
    for j in range(n_samples):
        R = rank_average(X[:, j])
        # order(R, decreasing=TRUE), stable: ties keep gene order
        ranking = sorted(range(n_genes), key=lambda g: (-R[g], g))
        for i, s in enumerate(sets):
            inside = np.array([1.0 if g in s else 0.0 for g in ranking])
            weights = np.abs(R[ranking]) ** alpha * inside
            step_in = np.cumsum(weights) / weights.sum()
            step_out = np.cumsum(1 - inside) / (1 - inside).sum()
            out[i, j] = np.sum(step_in - step_out)
    return out


def mad(x):
    m = np.median(x)
    return 1.4826 * np.median(np.abs(x - m))


def singscore(X, up, down=None, center=True):
    n_genes, n_samples = X.shape
    total = np.zeros(n_samples)
    disp = np.zeros(n_samples)
    for j in range(n_samples):
        r = rank_min(X[:, j])
        def part(s):
            k = len(s)
            ranks = r[s]
            low, high = (k + 1) / 2, (2 * n_genes - k + 1) / 2
            return (ranks.mean() - low) / (high - low), mad(ranks)
        su, du = part(up)
        offset = -0.5 if center else 0
        total[j] = su + offset
        disp[j] = du
        if down:
            sd, dd = part(down)
            total[j] += 1 - sd + offset
            disp[j] += dd
    return total, disp


def main():
    rng = np.random.default_rng(20240517)
    n_genes, n_samples = 300, 12
    X = np.round(rng.normal(5, 2, size=(n_genes, n_samples)), 5)
    # make a few sets enriched in some samples
    X[:20, :4] += 3
    genes = [f"G{g}" for g in range(n_genes)]
    samples = [f"S{j}" for j in range(n_samples)]
    sizes = [5, 12, 20, 37, 60, 150]
    sets = [sorted(rng.choice(n_genes, size=k, replace=False).tolist()) for k in sizes]
    sets[1] = list(range(12))  # the enriched block

    es = gsva_ssgsea(X, sets)
    es_norm = es / (es.max() - es.min())

    # gseapy cross-check
    import gseapy
    df = pd.DataFrame(X, index=genes, columns=samples)
    gmt = {f"set{i}": [genes[g] for g in s] for i, s in enumerate(sets)}
    res = gseapy.ssgsea(data=df, gene_sets=gmt, sample_norm_method="rank", correl_norm_type="rank",
                        weight=0.25, min_size=1, max_size=10000, permutation_num=0, threads=1,
                        outdir=None, no_plot=True, verbose=False)
    r = res.res2d
    gp_es = np.zeros_like(es)
    gp_nes = np.zeros_like(es)
    for _, row in r.iterrows():
        i = int(row["Term"][3:])
        j = samples.index(row["Name"])
        gp_es[i, j] = float(row["ES"])
        gp_nes[i, j] = float(row["NES"])
    assert np.max(np.abs(gp_es - es)) < 1e-9, np.max(np.abs(gp_es - es))
    assert np.max(np.abs(gp_nes - es_norm)) < 1e-9, np.max(np.abs(gp_nes - es_norm))

    up, down = sets[2], sets[3]
    s_up, d_up = singscore(X, up)
    s_ud, d_ud = singscore(X, up, down)

    # A matrix with ties (values rounded to integers) for the tie rules of singscore and ssGSEA.
    T = np.round(rng.normal(5, 2, size=(60, 5)))
    t_sets = [list(range(0, 10)), list(range(25, 45))]
    t_es = gsva_ssgsea(T, t_sets)
    t_s, t_d = singscore(T, t_sets[0], t_sets[1])

    out = {
        "generator": "Tests/Fixtures/signatures_scoring/generate_scoring.py",
        "versions": {"numpy": np.__version__, "pandas": pd.__version__, "gseapy": gseapy.__version__},
        "genes": genes, "samples": samples,
        "matrix": X.reshape(-1).tolist(),   # gene-major
        "sets": sets,
        "ssgsea": es.tolist(), "ssgsea_norm": es_norm.tolist(),
        "gseapy_es": gp_es.tolist(), "gseapy_nes": gp_nes.tolist(),
        "singscore_up": {"set": up, "total": s_up.tolist(), "dispersion": d_up.tolist()},
        "singscore_updown": {"up": up, "down": down, "total": s_ud.tolist(), "dispersion": d_ud.tolist()},
        "ties": {"genes": 60, "samples": 5, "matrix": T.reshape(-1).tolist(), "sets": t_sets,
                 "ssgsea": t_es.tolist(), "singscore_total": t_s.tolist(), "singscore_dispersion": t_d.tolist()},
    }
    with open(os.path.join(HERE, "scoring_reference.json"), "w") as f:
        json.dump(out, f)
    print("max |gseapy ES - GSVA reference| =", float(np.max(np.abs(gp_es - es))))


if __name__ == "__main__":
    main()
