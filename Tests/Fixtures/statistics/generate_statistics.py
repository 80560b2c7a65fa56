#!/usr/bin/env python3
"""Reference values for the Statistics target (ImmunoKit).

Writes, next to this file:
  distributions.json  pdf/logpdf/cdf/ppf (continuous) and pmf/logpmf/cdf/ppf (discrete) at a grid of
                      parameters and points, including tails and extreme parameters, plus raw special
                      functions (gammaln, gammainc(c), betainc, their inverses, ndtri).
  descriptive.json    numpy.quantile (linear = Hyndman-Fan type 7), scipy.stats.rankdata('average'),
                      var/std (ddof 0 and 1), median, IQR, MAD, skew, kurtosis.

Run:  python3 generate_statistics.py   (versions pinned in requirements.txt; checked below).
Parameter names in the JSON are the Swift initialiser labels; the SciPy call used is in "scipy".
"""
import json
import os

import mpmath as mp
import numpy as np
import scipy
from scipy import special, stats

NUMPY_VERSION = "2.4.6"
SCIPY_VERSION = "1.17.1"
assert np.__version__ == NUMPY_VERSION, np.__version__
assert scipy.__version__ == SCIPY_VERSION, scipy.__version__
MPMATH_VERSION = "1.3.0"
assert mp.__version__ == MPMATH_VERSION, mp.__version__
mp.mp.dps = 50

HERE = os.path.dirname(os.path.abspath(__file__))
META = {
    "numpy": NUMPY_VERSION, "scipy": SCIPY_VERSION, "mpmath": MPMATH_VERSION, "script": "generate_statistics.py",
    "note": ("Values from SciPy, except where SciPy itself is not accurate to 1e-10 and 50-digit mpmath is "
             "used instead: Poisson, binomial and negative binomial pmf/logpmf (SciPy's xlogy form loses ~2e-10 "
             "at mean 1e5), Beta cdf (scipy betainc(50, 20, 4.66e-7) is 20% off near 1e-300), Student t cdf "
             "(scipy t(1).cdf(1e-8) is off by 5e-1 relative in its excess over 1/2), Beta and Student t sf "
             "(scipy beta.sf(2.5e-20, 0.5, 0.5) = 1.0, not 1 - 1e-10), and Beta/Student t quantiles "
             "(SciPy's beta.ppf(1e-300, 50, 20) is 0.4% off), polished by mpmath Newton steps. Discrete "
             "quantiles skip p = 1e-300, where SciPy returns 0 for binom(1000, 0.5) although cdf(0) < 1e-300."),
}

P_GRID = [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.025, 0.1, 0.3, 0.5, 0.7, 0.9, 0.975, 0.999,
          1 - 1e-5, 1 - 1e-10]


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=float).ravel()]


def finite_or_none(v):
    v = float(v)
    return v if np.isfinite(v) else None


def continuous(name, params, frozen, scipy_call, extra_x=(), p_grid=P_GRID):
    # Points: the quantiles of the p grid (where finite and inside the support) plus extras.
    xs = [float(x) for x in frozen.ppf(p_grid)]
    xs = sorted({x for x in xs + list(extra_x)
                 if np.isfinite(x) and frozen.pdf(x) > 0 and np.isfinite(frozen.logpdf(x))
                 and np.isfinite(frozen.pdf(x))})
    ps = [p for p in p_grid if np.isfinite(frozen.ppf(p)) and frozen.ppf(p) > frozen.support()[0]]
    return {
        "name": name, "params": params, "scipy": scipy_call,
        "x": xs,
        "pdf": floats(frozen.pdf(xs)), "logpdf": floats(frozen.logpdf(xs)), "cdf": floats(frozen.cdf(xs)),
        "sf": floats(frozen.sf(xs)),
        "p": ps, "quantile": floats(frozen.ppf(ps)),
        "mean": finite_or_none(frozen.mean()), "variance": finite_or_none(frozen.var()),
    }


def discrete(name, params, frozen, scipy_call, ks, p_grid=P_GRID):
    ks = sorted({int(k) for k in ks if k >= 0})
    ps = [p for p in p_grid if 1e-250 < p < 1 - 1e-12]
    q = frozen.ppf(ps)
    return {
        "name": name, "params": params, "scipy": scipy_call,
        "k": ks,
        "pmf": floats(frozen.pmf(ks)), "logpmf": floats(frozen.logpmf(ks)), "cdf": floats(frozen.cdf(ks)),
        "sf": floats(frozen.sf(ks)),
        "p": ps, "quantile": [int(v) for v in q],
        "mean": float(frozen.mean()), "variance": float(frozen.var()),
    }


def mp_t_cdf(nu, t):
    nu, t = mp.mpf(nu), mp.mpf(t)
    half = mp.betainc(nu / 2, mp.mpf(1) / 2, 0, nu / (nu + t * t), regularized=True) / 2
    return half if t < 0 else 1 - half


def mp_t_pdf(nu, t):
    nu, t = mp.mpf(nu), mp.mpf(t)
    return mp.gamma((nu + 1) / 2) / (mp.sqrt(nu * mp.pi) * mp.gamma(nu / 2)) * (1 + t * t / nu) ** (-(nu + 1) / 2)


def mp_beta_cdf(a, b, x):
    return mp.betainc(a, b, 0, x, regularized=True)


def mp_beta_pdf(a, b, x):
    return mp.mpf(x) ** (a - 1) * (1 - mp.mpf(x)) ** (b - 1) / mp.beta(a, b)


def polish(x0, p, cdf, pdf, lower=None, upper=None, steps=40):
    """Newton steps at 50 digits on cdf(x) = p, starting from SciPy's value, kept inside (lower, upper)."""
    x = mp.mpf(x0)
    if (lower is not None and x <= lower) or (upper is not None and x >= upper):
        return float(x)
    for _ in range(steps):
        f = cdf(x) - p
        d = pdf(x)
        if d == 0:
            break
        new = x - f / d
        if lower is not None and new <= lower:
            new = (x + lower) / 2 if lower != 0 else x / 1e3
        if upper is not None and new >= upper:
            new = (x + upper) / 2
        if abs(new - x) <= abs(x) * mp.mpf(10) ** -40:
            x = new
            break
        x = new
    return float(x)


def nbinom_mp(row, r, p):
    """Replaces pmf/logpmf by 50-digit values: lnΓ(k + r) − lnΓ(r) − ln k! + r ln p + k ln(1 − p)."""
    r, p = mp.mpf(r), mp.mpf(p)
    logpmf = [mp.loggamma(k + r) - mp.loggamma(r) - mp.loggamma(k + 1) + r * mp.log(p) + k * mp.log(1 - p)
              for k in row["k"]]
    row["logpmf"] = [float(v) for v in logpmf]
    row["pmf"] = [float(mp.exp(v)) for v in logpmf]
    return row


def around(center, sd, lo=0, hi=None, n=25):
    ks = set(np.unique(np.round(np.linspace(center - 8 * sd, center + 8 * sd, n))).astype(int))
    ks |= {0, 1, 2}
    out = [k for k in ks if k >= lo and (hi is None or k <= hi)]
    return out


cont = []
for m, s in [(0.0, 1.0), (3.5, 2.5), (-100.0, 1e-3)]:
    cont.append(continuous("Normal", {"mean": m, "standardDeviation": s}, stats.norm(m, s),
                           f"norm(loc={m}, scale={s})", [m - 37 * s, m + 30 * s, m + 0.1 * s]))
for ml, sl in [(0.0, 1.0), (2.0, 0.5), (-1.0, 2.0)]:
    cont.append(continuous("LogNormal", {"meanLog": ml, "standardDeviationLog": sl},
                           stats.lognorm(sl, scale=np.exp(ml)), f"lognorm(s={sl}, scale=exp({ml}))"))
for k, th in [(0.05, 1.0), (0.5, 2.0), (1.0, 1.0), (2.5, 0.3), (10.0, 1.0), (100.0, 0.5), (1000.0, 1.0)]:
    cont.append(continuous("Gamma", {"shape": k, "scale": th}, stats.gamma(k, scale=th),
                           f"gamma(a={k}, scale={th})", [k * th * 1e-3, k * th * 5]))
for a, b in [(0.5, 0.5), (1.0, 1.0), (2.0, 3.0), (0.1, 5.0), (5.0, 0.2), (50.0, 20.0), (200.0, 300.0)]:
    cont.append(continuous("Beta", {"alpha": a, "beta": b}, stats.beta(a, b), f"beta(a={a}, b={b})",
                           [1e-6, 0.5, 1 - 1e-6]))
for k, lam in [(0.5, 2.0), (1.5, 1.0), (5.0, 10.0)]:
    cont.append(continuous("Weibull", {"shape": k, "scale": lam}, stats.weibull_min(k, scale=lam),
                           f"weibull_min(c={k}, scale={lam})"))
for r in [0.5, 3.0]:
    cont.append(continuous("Exponential", {"rate": r}, stats.expon(scale=1 / r), f"expon(scale=1/{r})",
                           [50.0]))
for nu in [1.0, 2.5, 10.0, 100.0]:
    cont.append(continuous("ChiSquare", {"degreesOfFreedom": nu}, stats.chi2(nu), f"chi2(df={nu})",
                           [nu * 20]))
for nu in [1.0, 2.5, 5.0, 30.0, 1000.0]:
    row = continuous("StudentT", {"degreesOfFreedom": nu}, stats.t(nu), f"t(df={nu})",
                     [-1e6, -50.0, -1e-3, 0.0, 1e-8, 2.0, 1e3])
    row["cdf"] = [float(mp_t_cdf(nu, x)) for x in row["x"]]
    row["sf"] = [float(mp_t_cdf(nu, -x)) for x in row["x"]]
    row["quantile"] = [polish(x, p, lambda t: mp_t_cdf(nu, t), lambda t: mp_t_pdf(nu, t))
                       for x, p in zip(row["quantile"], row["p"])]
    cont.append(row)
for row in cont:
    if row["name"] == "Beta":
        a, b = row["params"]["alpha"], row["params"]["beta"]
        row["quantile"] = [polish(x, p, lambda v: mp_beta_cdf(a, b, v), lambda v: mp_beta_pdf(a, b, v), 0, 1)
                           for x, p in zip(row["quantile"], row["p"])]
        row["cdf"] = [float(mp_beta_cdf(a, b, x) if x < 0.5
                            else 1 - mp.betainc(b, a, 0, 1 - mp.mpf(x), regularized=True)) for x in row["x"]]
        # scipy beta.sf(2.5e-20, 0.5, 0.5) returns 1.0 instead of 1 - 1e-10: integrate x..1 in mpmath.
        row["sf"] = [float(mp.betainc(a, b, x, 1, regularized=True) if x < 0.5
                           else mp.betainc(b, a, 0, 1 - mp.mpf(x), regularized=True)) for x in row["x"]]

disc = []
for lam in [0.5, 5.0, 9.9, 50.0, 1000.0, 1e5]:
    sd = np.sqrt(lam)
    row = discrete("Poisson", {"mean": lam}, stats.poisson(lam), f"poisson(mu={lam})",
                   around(lam, sd) + [int(lam + 20 * sd + 20)])
    logpmf = [k * mp.log(lam) - lam - mp.loggamma(k + 1) for k in row["k"]]
    row["logpmf"] = [float(v) for v in logpmf]
    row["pmf"] = [float(mp.exp(v)) for v in logpmf]
    disc.append(row)
for n, p in [(10, 0.3), (100, 0.01), (1000, 0.5), (50, 0.97), (100000, 0.2), (1, 0.5)]:
    sd = np.sqrt(n * p * (1 - p))
    row = discrete("Binomial", {"trials": n, "probability": p}, stats.binom(n, p),
                   f"binom(n={n}, p={p})", around(n * p, sd, hi=n) + [n])
    logpmf = [mp.loggamma(n + 1) - mp.loggamma(k + 1) - mp.loggamma(n - k + 1)
              + k * mp.log(mp.mpf(p)) + (n - k) * mp.log(1 - mp.mpf(p)) for k in row["k"]]
    row["logpmf"] = [float(v) for v in logpmf]
    row["pmf"] = [float(mp.exp(v)) for v in logpmf]
    disc.append(row)
for r, p in [(5.0, 0.3), (0.5, 0.1), (100.0, 0.9), (2.0, 0.5)]:
    f = stats.nbinom(r, p)
    disc.append(nbinom_mp(discrete("NegativeBinomial", {"size": r, "probability": p}, f,
                                   f"nbinom(n={r}, p={p})", around(f.mean(), f.std()) + [int(f.mean() + 30 * f.std())]),
                          r, p))
for mu, phi in [(100.0, 0.2), (5.0, 10.0), (1000.0, 3.0)]:
    p = phi / (phi + mu)
    f = stats.nbinom(phi, p)
    d = discrete("NegativeBinomial", {"mean": mu, "dispersion": phi}, f,
                 f"nbinom(n={phi}, p={phi}/({phi}+{mu}))", around(mu, f.std()) + [int(mu + 20 * f.std())])
    disc.append(nbinom_mp(d, phi, mp.mpf(phi) / (mp.mpf(phi) + mp.mpf(mu))))

# Raw special functions.
gam_a = [0.05, 0.5, 1.0, 3.7, 10.0, 55.5, 400.0, 2500.0]
gam_x_rel = [1e-3, 0.1, 0.5, 0.9, 1.0, 1.1, 2.0, 5.0]
gamma_rows = []
for a in gam_a:
    for rel in gam_x_rel:
        x = a * rel if a >= 1 else rel * 3
        gamma_rows.append({"a": a, "x": x, "P": float(special.gammainc(a, x)),
                           "Q": float(special.gammaincc(a, x))})
gamma_inv_rows = []
for a in gam_a:
    for p in [1e-10, 0.001, 0.2, 0.5, 0.8, 0.999]:
        gamma_inv_rows.append({"a": a, "p": p, "x": float(special.gammaincinv(a, p))})
beta_rows = []
beta_inv_rows = []
for a, b in [(0.5, 0.5), (1.0, 3.0), (2.5, 7.5), (0.2, 0.3), (30.0, 40.0), (500.0, 50.0), (1e-2, 1.0)]:
    for x in [1e-8, 0.01, 0.2, 0.5, 0.8, 0.99, 1 - 1e-8]:
        beta_rows.append({"a": a, "b": b, "x": x, "I": float(special.betainc(a, b, x)),
                          "Ic": float(special.betaincc(a, b, x))})
    for p in [1e-10, 0.001, 0.2, 0.5, 0.8, 0.999]:
        beta_inv_rows.append({"a": a, "b": b, "p": p, "x": float(special.betaincinv(a, b, p))})
lg_x = [1e-8, 0.1, 0.5, 1.0, 1.5, 2.0, 2.5, 10.0, 123.4, 1e5]
ndtri_p = [1e-300, 1e-50, 1e-10, 0.01, 0.3, 0.5, 0.6, 0.975, 1 - 1e-12]

distributions = {
    "generator": META,
    "continuous": cont,
    "discrete": disc,
    "special": {
        "logGamma": [{"x": x, "value": float(special.gammaln(x))} for x in lg_x],
        "regularizedGamma": gamma_rows,
        "inverseRegularizedGammaP": gamma_inv_rows,
        "regularizedBeta": beta_rows,
        "inverseRegularizedBeta": beta_inv_rows,
        "normalQuantile": [{"p": p, "value": float(special.ndtri(p))} for p in ndtri_p],
    },
}

# Descriptive statistics.
rng = np.random.default_rng(20240611)
datasets = {
    "normal101": rng.normal(10.0, 3.0, 101),
    "ties": np.array([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4], dtype=float),
    "two": np.array([2.5, -1.0]),
    "single": np.array([42.0]),
    "constant": np.full(7, 3.25),
    "skewed": rng.lognormal(0.0, 1.2, 60),
    "large_offset": 1e9 + rng.normal(0.0, 1.0, 50),
}
q_grid = [0.0, 0.01, 0.1, 0.25, 1 / 3, 0.5, 0.6, 0.75, 0.9, 0.99, 1.0]
desc = []
for name, v in datasets.items():
    row = {
        "name": name, "values": floats(v),
        "mean": float(np.mean(v)), "median": float(np.median(v)),
        "min": float(np.min(v)), "max": float(np.max(v)),
        "p": q_grid, "quantile": floats(np.quantile(v, q_grid, method="linear")),
        "ranks": floats(stats.rankdata(v, method="average")),
        "iqr": float(stats.iqr(v)), "mad": float(stats.median_abs_deviation(v)),
        "variance0": float(np.var(v, ddof=0)), "sd0": float(np.std(v, ddof=0)),
    }
    if len(v) > 1:
        row["variance"] = float(np.var(v, ddof=1))
        row["sd"] = float(np.std(v, ddof=1))
        if np.ptp(v) > 0:
            row["skewness"] = float(stats.skew(v, bias=True))
            row["excessKurtosis"] = float(stats.kurtosis(v, fisher=True, bias=True))
    desc.append(row)
descriptive = {"generator": META, "datasets": desc}

for fname, obj in [("distributions.json", distributions), ("descriptive.json", descriptive)]:
    with open(os.path.join(HERE, fname), "w") as fh:
        json.dump(obj, fh, indent=1, allow_nan=False)
        fh.write("\n")
print("wrote distributions.json and descriptive.json")
