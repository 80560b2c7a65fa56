"""Reference SHAP values and SHAP interaction values from shap.TreeExplainer for ImmunoKit trees
exported to JSON.

The Swift test `SHAPAgreementTests` exports two small fitted ImmunoKit models, with
`IMMUNOKIT_WRITE_FIXTURES=1`:
  - a gradient-boosted model: flat node arrays with the stored training covers and rows to explain,
    `immunokit_trees.json` (model: `gbdt_model.json`);
  - a bootstrapped random forest: the same, with the covers recorded at training (bootstrap
    multiplicities included, like scikit-learn's weighted_n_node_samples), `immunokit_forest.json`
    (model: `forest_model.json`); leaf and node values are already multiplied by 1/trees.
This script rebuilds each as a shap custom tree model (`TreeExplainer(model=dict(trees=[...]))`:
children_left/right/default, features, thresholds, values, node_sample_weight), computes path-dependent
(`feature_perturbation="tree_path_dependent"`) SHAP values and SHAP interaction values on the raw
output, and writes `shap_reference.json` and `shap_forest_reference.json`.

Run (private venv, pinned versions in requirements.txt):
    python3 -m venv /tmp/expl-venv && /tmp/expl-venv/bin/pip install -r requirements.txt
    /tmp/expl-venv/bin/python generate_shap.py
"""
import json
import os

import numpy as np
import shap

here = os.path.dirname(os.path.abspath(__file__))


def shap_model(exported):
    """The exported trees as a shap custom tree-ensemble dictionary."""
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
    return {"trees": trees, "base_offset": exported["offset"], "tree_output": "raw_value",
            "objective": "binary_crossentropy"}


def reference(source, target):
    with open(os.path.join(here, source)) as f:
        exported = json.load(f)
    explainer = shap.TreeExplainer(shap_model(exported), feature_perturbation="tree_path_dependent",
                                   model_output="raw")
    x = np.array([[np.nan if v is None else v for v in row] for row in exported["rows"]], dtype=np.float64)
    values = np.asarray(explainer.shap_values(x))
    interactions = np.asarray(explainer.shap_interaction_values(x))
    expected = float(np.ravel(explainer.expected_value)[0])
    with open(os.path.join(here, target), "w") as f:
        json.dump({
            "generator": f"shap {shap.__version__}, numpy {np.__version__}",
            "expected_value": expected,
            "shap_values": values.tolist(),
            "interaction_values": interactions.tolist(),
        }, f)
    print("wrote", target, values.shape, interactions.shape, "expected", expected)


reference("immunokit_trees.json", "shap_reference.json")
reference("immunokit_forest.json", "shap_forest_reference.json")
