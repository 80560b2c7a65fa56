"""Reference TIDE scores from TIDEpy (Jiang et al. 2018; Fu et al.) on a synthetic expression matrix.

The TIDE weights are GPL-3 and are not copied here: the script reads the CSV export of TIDEpy's model from the
shared data folder only to choose gene symbols that carry weights, and TIDEpy itself computes the scores from its
own bundled model. The fixture holds the synthetic matrix and TIDEpy's outputs.

Run: python3 -m venv /tmp/venv-tide && /tmp/venv-tide/bin/pip install -r requirements.txt
     /tmp/venv-tide/bin/python generate_tide.py ../../../../shared/data/signatures/tide_tidepy
"""
import json
import sys

import numpy as np
import pandas as pd
from tidepy.pred import TIDE

folder = sys.argv[1] if len(sys.argv) > 1 else "../../../../shared/data/signatures/tide_tidepy"
weights = pd.read_csv(f"{folder}/tide_dysfunction_exclusion_signatures_entrez.csv", index_col=0)
symbols = pd.read_csv(f"{folder}/tide_gene_ref_symbol_to_entrez.csv")
symbols = symbols[symbols.symbol == symbols.symbol.str.upper()]
symbols = symbols[~symbols.entrez_id.duplicated(keep=False) & ~symbols.symbol.duplicated(keep=False)]
weighted = symbols[symbols.entrez_id.isin(weights.dropna(subset=["Dysfunction"]).index)]
ctl = ["CD8A", "CD8B", "GZMA", "GZMB", "PRF1"]
rng = np.random.default_rng(20181001)
others = weighted[~weighted.symbol.isin(ctl)].sample(n=1195, random_state=7)
genes = ctl + sorted(others.symbol.tolist())
# Some exclusion-only genes (no dysfunction weight) too.
exclusion_only = symbols[symbols.entrez_id.isin(weights[weights.Dysfunction.isna() & weights.Exclusion.notna()].index)]
genes += sorted(exclusion_only.sample(n=100, random_state=8).symbol.tolist())
entrez = dict(zip(symbols.symbol, symbols.entrez_id))

n = 16
w_dys = weights.reindex([entrez[g] for g in genes])["Dysfunction"].fillna(0).to_numpy()
w_exc = weights.reindex([entrez[g] for g in genes])["Exclusion"].fillna(0).to_numpy()
base = rng.normal(5.0, 2.0, size=len(genes))
a = rng.normal(0, 1.0, size=n)
b = rng.normal(0, 1.0, size=n)
values = base[:, None] + 0.8 * np.outer(w_dys, a) + 0.8 * np.outer(w_exc, b) + rng.normal(0, 1.0, size=(len(genes), n))
values[:5, :] += np.outer(np.ones(5), rng.normal(0, 1.5, size=n))  # CTL genes move together
values = np.round(values, 4)
samples = [f"S{i + 1:02d}" for i in range(n)]
frame = pd.DataFrame(values, index=genes, columns=samples)
centred = frame.sub(frame.mean(axis=1), axis=0)

out = {"genes": genes, "samples": samples, "log2_tpm": values.tolist(), "tidepy": {}}
for cancer in ["Melanoma", "NSCLC"]:
    r = TIDE(centred.copy(), cancer=cancer, pretreat=False, vthres=0, ignore_norm=True).reindex(samples)
    out["tidepy"][cancer.lower()] = {
        "dysfunction": r["Dysfunction"].tolist(),
        "exclusion": r["Exclusion"].tolist(),
        "tide": r["TIDE"].tolist(),
        "ctl_flag": [bool(x) for x in r["CTL.flag"]],
        "responder": [bool(x) for x in r["Responder"]],
    }
with open("tide_reference.json", "w") as f:
    json.dump(out, f, indent=0)
print("flags", out["tidepy"]["melanoma"]["ctl_flag"])
