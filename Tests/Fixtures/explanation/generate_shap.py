"""Reference SHAP values from shap.TreeExplainer for ImmunoKit trees exported to JSON.

The Swift test `SHAPAgreementTests` exports a small fitted ImmunoKit gradient-boosted model (its flat
node arrays, the node covers from the training data, and rows to explain) to `immunokit_trees.json`,
with `IMMUNOKIT_WRITE_FIXTURES=1`. This script rebuilds the same trees as a shap custom tree model
(`TreeExplainer(model=dict(trees=[...]))`, children_left/right/default, features, thresholds,
values, node_sample_weight), computes path-dependent (`feature_perturbation="tree_path_dependent"`)
SHAP values on the raw margin, and writes `shap_reference.json`.

Run (private venv, pinned versions in requirements.txt):
    python3 -m venv /tmp/expl-venv && /tmp/expl-venv/bin/pip install -r requirements.txt
    /tmp/expl-venv/bin/python generate_shap.py
"""
import json
import os

import numpy as np
import shap

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "immunokit_trees.json")) as f:
    exported = json.load(f)

trees = []
for t in exported["trees"]:
    trees.append({
        "children_left": np.array(t["left"], dtype=np.int32),
        "children_right": np.array(t["right"], dtype=np.int32),
        "children_default": np.array(t["default"], dtype=np.int32),
        "features": np.array(t["feature"], dtype=np.int32),
        # ImmunoKit and shap both send x <= threshold left; NaN follows children_default.
        "thresholds": np.array(t["threshold"], dtype=np.float64),
        # Leaf values at leaves, cover-weighted means at internal nodes (shap's expected value is the
        # root's value).
        "values": np.array(t["value"], dtype=np.float64).reshape(-1, 1),
        "node_sample_weight": np.array(t["cover"], dtype=np.float64),
    })

model = {"trees": trees, "base_offset": exported["offset"], "tree_output": "raw_value", "objective": "binary_crossentropy"}
explainer = shap.TreeExplainer(model, feature_perturbation="tree_path_dependent", model_output="raw")
x = np.array(exported["rows"], dtype=np.float64)
values = explainer.shap_values(x)
expected = float(np.ravel(explainer.expected_value)[0])

with open(os.path.join(here, "shap_reference.json"), "w") as f:
    json.dump({
        "generator": f"shap {shap.__version__}, numpy {np.__version__}",
        "expected_value": expected,
        "shap_values": np.asarray(values).tolist(),
    }, f, indent=1)
print("wrote shap_reference.json:", np.asarray(values).shape, "expected", expected)
