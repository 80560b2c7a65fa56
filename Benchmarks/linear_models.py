"""Linear-model benchmarks: ImmunoKit vs lifelines, scikit-learn (saga) and scikit-survival (Coxnet).

    pip install -r Tests/Fixtures/learning_linear/requirements.txt
    swift build -c release --product immunokit-bench
    python Benchmarks/linear_models.py [cox] [logistic] [coxnet] [--bench .build/release/immunokit-bench]
                                       [--sklearn-lambdas K]

cox:      10,000 x 20, Efron ties (times rounded, many ties), coefficients + standard errors:
          lifelines CoxPHFitter vs CoxProportionalHazards.                      Target ratio >= 5.
logistic: 1,000 x 20,000 elastic-net (l1_ratio 0.5) path of 20 lambdas from lambda_max down to
          0.05 lambda_max, standardize=false: scikit-learn LogisticRegression(solver='saga',
          warm_start=True, tol=1e-4) vs ElasticNetLogisticRegression (tolerance 1e-7).  Target >= 50.
          With --sklearn-lambdas K < 20, sklearn runs only the first K lambdas (warm-started) and its
          time is extrapolated as t_K * 20 / K, which *under*-states sklearn's time (later, less
          penalised lambdas are the slow ones), so the printed ratio is conservative.
coxnet:   1,000 x 20,000, Breslow, l1_ratio 0.5, 100 lambdas (scikit-survival's automatic path,
          alpha_min_ratio 0.01), standardize=false, tol 1e-7 both: CoxnetSurvivalAnalysis vs ElasticNetCox.
          Target >= 1.

Every tool runs in its own process on the same files; each prints its fit time. Accuracy: the largest
coefficient difference between the two fits (per lambda for paths), the penalised objective of each
(lower is better) and, for Cox, the test C-index of both.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

from benchlib import summary, write, read

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_swift(bench, kind, dir, *extra):
    out = subprocess.run([bench, "linear", kind, "--dir", dir, *extra], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def cox(bench, dir):
    from lifelines import CoxPHFitter
    import pandas as pd
    rng = np.random.default_rng(0)
    n, p = 10_000, 20
    X = rng.standard_normal((n, p))
    beta = np.linspace(-0.5, 0.5, p)
    t = rng.exponential(np.exp(-(X @ beta)))
    c = rng.exponential(2.0, n)
    time_ = np.ceil(np.minimum(t, c) * 20) / 20          # ~ 2 decimals: many tied times
    event = (t <= c).astype(float)
    write(dir, "X.f64", X.T.ravel())
    write(dir, "time.f64", time_)
    write(dir, "event.f64", event)
    df = pd.DataFrame(X, columns=[f"x{j}" for j in range(p)])
    df["T"], df["E"] = time_, event
    best = np.inf
    for _ in range(3):
        t0 = time.perf_counter()
        cph = CoxPHFitter().fit(df, "T", "E")
        se = cph.standard_errors_.to_numpy()
        best = min(best, time.perf_counter() - t0)
    swift = min((run_swift(bench, "cox", dir) for _ in range(3)), key=lambda r: r["seconds"])
    ours = read(dir, "swift_coef.f64")
    d_beta = np.max(np.abs(ours[:p] - cph.params_.to_numpy()))
    d_se = np.max(np.abs(ours[p:] - se))
    summary("Cox PH, Efron ties + SEs", "10,000 × 20", swift["seconds"], "lifelines", best,
            float(d_beta), 0.0, "max |Δβ| vs peer")
    print(json.dumps({"benchmark": "cox efron 10000x20 + SE", "lifelines_seconds": best,
                      "immunokit_seconds": swift["seconds"], "ratio": best / swift["seconds"],
                      "max_coef_diff": float(d_beta), "max_se_diff": float(d_se),
                      "loglik_lifelines": float(cph.log_likelihood_), "loglik_immunokit": swift["log_likelihood"]}))


def logistic_objective(X, y, b0, b, lam, alpha):
    eta = b0 + X @ b
    ll = y * eta - np.logaddexp(0, eta)
    return -ll.mean() + lam * (alpha * np.abs(b).sum() + 0.5 * (1 - alpha) * (b ** 2).sum())


def logistic(bench, dir, sklearn_lambdas):
    from sklearn.linear_model import LogisticRegression
    import warnings
    from sklearn.exceptions import ConvergenceWarning
    warnings.simplefilter("ignore", ConvergenceWarning)
    rng = np.random.default_rng(1)
    n, p, K, alpha = 1_000, 20_000, 20, 0.5
    X = rng.standard_normal((n, p))
    beta = np.zeros(p)
    beta[:20] = rng.choice([-1, 1], 20) * rng.uniform(0.3, 1.0, 20)
    y = (rng.random(n) < 1 / (1 + np.exp(-(X @ beta)))).astype(float)
    Xc = X - X.mean(0)
    lam_max = np.max(np.abs(Xc.T @ (y - y.mean()))) / n / alpha
    lambdas = np.exp(np.linspace(np.log(lam_max), np.log(0.05 * lam_max), K))
    write(dir, "X.f64", X.T.ravel())
    write(dir, "y.f64", y)
    write(dir, "lambdas.f64", lambdas)
    swift = run_swift(bench, "logistic-path", dir, "--alpha", str(alpha))
    ours = read(dir, "swift_coef.f64").reshape(K, p + 1)
    k_sk = min(sklearn_lambdas, K)
    m = LogisticRegression(l1_ratio=alpha, solver="saga", warm_start=True, tol=1e-4, max_iter=10_000)
    t0 = time.perf_counter()
    coefs = []
    for lam in lambdas[:k_sk]:
        m.set_params(C=1.0 / (n * lam))
        m.fit(X, y)
        coefs.append(np.r_[m.intercept_, m.coef_[0]])
    sk_time = time.perf_counter() - t0
    sk_extrapolated = sk_time * K / k_sk
    d = max(np.max(np.abs(ours[k] - coefs[k])) for k in range(k_sk))
    obj_sk = [logistic_objective(X, y, c[0], c[1:], lambdas[k], alpha) for k, c in enumerate(coefs)]
    obj_ours = [logistic_objective(X, y, ours[k][0], ours[k][1:], lambdas[k], alpha) for k in range(k_sk)]
    summary(f"elastic-net logistic path, {K} λ", f"{n:,} × {p:,}", swift["seconds"],
            f"scikit-learn saga ({k_sk} λ run, extrapolated)", sk_extrapolated,
            float(min(obj_ours)), float(min(obj_sk)), "objective (lower is better)")
    print(json.dumps({"benchmark": f"logistic elastic-net path {n}x{p}, {K} lambdas",
                      "sklearn_saga_seconds": sk_time, "sklearn_lambdas_run": k_sk,
                      "sklearn_seconds_for_all_lambdas": sk_extrapolated, "immunokit_seconds": swift["seconds"],
                      "ratio": sk_extrapolated / swift["seconds"], "max_coef_diff": float(d),
                      "max_objective_gap_sklearn_minus_ours": float(max(a - b for a, b in zip(obj_sk, obj_ours))),
                      "nonzero_last_immunokit": swift["nonzero_last"]}))


def coxnet(bench, dir):
    from sksurv.linear_model import CoxnetSurvivalAnalysis
    from sksurv.metrics import concordance_index_censored
    rng = np.random.default_rng(2)
    n, m_test, p, alpha = 1_000, 1_000, 20_000, 0.5
    X = rng.standard_normal((n + m_test, p))
    beta = np.zeros(p)
    beta[:20] = rng.choice([-1, 1], 20) * rng.uniform(0.2, 0.6, 20)
    t = rng.exponential(np.exp(-(X @ beta)))
    c = rng.exponential(2.0, n + m_test)
    time_, event = np.minimum(t, c), (t <= c)
    Xtr, Xte = X[:n], X[n:]
    y = np.array(list(zip(event[:n], time_[:n])), dtype=[("e", bool), ("t", float)])
    model = CoxnetSurvivalAnalysis(l1_ratio=alpha, n_alphas=100, tol=1e-7)
    t0 = time.perf_counter()
    model.fit(Xtr, y)
    sk_time = time.perf_counter() - t0
    lambdas = model.alphas_
    write(dir, "X.f64", Xtr.T.ravel())
    write(dir, "time.f64", time_[:n])
    write(dir, "event.f64", event[:n].astype(float))
    write(dir, "lambdas.f64", lambdas)
    swift = run_swift(bench, "coxnet-path", dir, "--alpha", str(alpha))
    K = len(lambdas)
    ours = read(dir, "swift_coef.f64").reshape(K, p)
    d = np.max(np.abs(ours - model.coef_.T))
    order = np.argsort(time_[:n], kind="stable")
    def objective(b, lam):  # -(1/n) Breslow log partial likelihood + elastic-net penalty
        eta = Xtr[order] @ b
        t, e = time_[:n][order], event[:n][order]
        risk = np.cumsum(np.exp(eta)[::-1])[::-1]
        first = np.searchsorted(t, t, side="left")           # risk set of a time = all rows from its first tie
        ll = np.sum(e * (eta - np.log(risk[first])))
        return -ll / n + lam * (alpha * np.abs(b).sum() + 0.5 * (1 - alpha) * (b ** 2).sum())
    gaps = [objective(model.coef_[:, k], lambdas[k]) - objective(ours[k], lambdas[k]) for k in range(K)]
    k = K // 2
    c_sk = concordance_index_censored(event[n:], time_[n:], Xte @ model.coef_[:, k])[0]
    c_ours = concordance_index_censored(event[n:], time_[n:], Xte @ ours[k])[0]
    summary(f"elastic-net Cox path, {K} λ", f"{n:,} × {p:,}", swift["seconds"], "scikit-survival Coxnet", sk_time,
            float(c_ours), float(c_sk), "test C (mid path)")
    print(json.dumps({"benchmark": f"coxnet path {n}x{p}, {K} lambdas", "sksurv_seconds": sk_time,
                      "immunokit_seconds": swift["seconds"], "ratio": sk_time / swift["seconds"],
                      "max_coef_diff": float(d), "max_objective_gap_sksurv_minus_ours": float(max(gaps)),
                      "min_objective_gap_sksurv_minus_ours": float(min(gaps)),
                      "test_cindex_sksurv_mid_path": float(c_sk),
                      "test_cindex_immunokit_mid_path": float(c_ours)}))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("which", nargs="*", default=["cox", "logistic", "coxnet"])
    parser.add_argument("--bench", default=os.path.join(ROOT, ".build", "release", "immunokit-bench"))
    parser.add_argument("--sklearn-lambdas", type=int, default=20)
    parser.add_argument("--dir", help="keep the data files in DIR (default: a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        dir = args.dir or tmp
        os.makedirs(dir, exist_ok=True)
        for which in args.which:
            {"cox": lambda: cox(args.bench, dir),
             "logistic": lambda: logistic(args.bench, dir, args.sklearn_lambdas),
             "coxnet": lambda: coxnet(args.bench, dir)}[which]()


if __name__ == "__main__":
    sys.exit(main())
