"""Reference values for Platt and isotonic calibration (Tests/LearningTests/Calibration).

scikit-learn's `_SigmoidCalibration` (Platt with smoothed targets) and `IsotonicRegression(out_of_bounds="clip")`
on deterministic synthetic scores, with ties and weights. Run from the repository root:

    python3 Tests/Fixtures/learning_calibration/generate_calibration.py

Pinned: scikit-learn 1.9.1, numpy 2.4.6 (requirements.txt).
"""
import json
import os

import numpy as np
import sklearn
from sklearn.calibration import _SigmoidCalibration
from sklearn.isotonic import IsotonicRegression

rng = np.random.default_rng(7)
n = 300
latent = rng.normal(size=n)
scores = np.round(latent * 1.7 + 0.3, 2)          # rounding creates ties
labels = (rng.uniform(size=n) < 1 / (1 + np.exp(-(1.2 * latent - 0.4)))).astype(float)
weights = rng.uniform(0.5, 2.0, size=n)
grid = np.linspace(scores.min() - 1, scores.max() + 1, 41)

platt = _SigmoidCalibration().fit(scores, labels)
platt_w = _SigmoidCalibration().fit(scores, labels, sample_weight=weights)
big = scores * 40                                   # exercises the max|f| > 30 rescaling
platt_big = _SigmoidCalibration().fit(big, labels)
iso = IsotonicRegression(out_of_bounds="clip").fit(scores, labels)
iso_w = IsotonicRegression(out_of_bounds="clip").fit(scores, labels, sample_weight=weights)

out = {
    "versions": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
    "scores": scores.tolist(), "labels": labels.tolist(), "weights": weights.tolist(), "grid": grid.tolist(),
    "platt": {"a": float(platt.a_), "b": float(platt.b_), "grid": platt.predict(grid).tolist()},
    "platt_weighted": {"a": float(platt_w.a_), "b": float(platt_w.b_)},
    "platt_large_scores": {"a": float(platt_big.a_), "b": float(platt_big.b_)},
    "isotonic": {"grid": iso.predict(grid).tolist(), "train": iso.predict(scores).tolist()},
    "isotonic_weighted": {"grid": iso_w.predict(grid).tolist()},
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "calibration.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print("wrote", path)
