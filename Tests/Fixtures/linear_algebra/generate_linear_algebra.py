"""Reference results for the LinearAlgebra tests, computed with NumPy/SciPy (LAPACK).

Writes linear_algebra.json next to this file. Matrices are stored as
{"rows": m, "columns": n, "storage": [column-major values]}, the Codable form of Swift's Matrix,
so every input round-trips exactly (JSON floats are written with repr, 17 significant digits).

    python3 generate_linear_algebra.py
"""
import json
import pathlib

import numpy as np
import scipy
import scipy.linalg

rng = np.random.default_rng(20240611)


def randn(*shape):
    """Standard normal values rounded to 4 decimals: short in JSON, and exactly the doubles NumPy used."""
    return np.round(rng.standard_normal(shape), 4)


def mat(a):
    a = np.asarray(a, dtype=np.float64)
    if a.ndim == 1:
        a = a[:, None]
    return {"rows": int(a.shape[0]), "columns": int(a.shape[1]),
            "storage": [float(v) for v in a.flatten(order="F")]}


def vec(v):
    return [float(x) for x in np.asarray(v, dtype=np.float64).ravel()]


def spd(n, cond=None):
    q, _ = np.linalg.qr(randn(n, n))
    if cond is None:
        w = rng.uniform(0.5, 5.0, n)
    else:
        w = np.logspace(0, -np.log10(cond), n)
    return (q * w) @ q.T


out = {"generator": {"numpy": np.__version__, "scipy": scipy.__version__,
                     "script": "generate_linear_algebra.py", "seed": 20240611}}

# GEMM: C = alpha op(A) op(B) + beta C on odd shapes, both transposes.
gemm = []
for (m, n, k) in [(1, 1, 1), (7, 7, 7), (33, 33, 33), (65, 31, 47), (31, 65, 9), (1, 40, 70),
                  (70, 1, 40), (9, 70, 130), (66, 9, 100)]:
    combos = [(False, False), (True, False), (False, True), (True, True)]
    if m * n * k > 20000:  # larger shapes: two transpose combinations keep the file small
        combos = [(False, True), (True, False)]
    for ta, tb in combos:
        a = (randn(k, m) if ta else randn(m, k))
        b = (randn(n, k) if tb else randn(k, n))
        c = randn(m, n)
        alpha, beta = 1.5, -0.5
        opa = a.T if ta else a
        opb = b.T if tb else b
        result = alpha * (opa @ opb) + beta * c
        gemm.append({"m": m, "n": n, "k": k, "transposeA": ta, "transposeB": tb,
                     "alpha": alpha, "beta": beta, "a": mat(a), "b": mat(b), "c": mat(c),
                     "result": mat(result)})
out["gemm"] = gemm

# GEMV: y = A x and A^T x.
gemv = []
for (m, n) in [(1, 1), (7, 3), (33, 65), (65, 31), (5, 130)]:
    a = randn(m, n)
    x = randn(n)
    xt = randn(m)
    gemv.append({"a": mat(a), "x": vec(x), "ax": vec(a @ x), "xt": vec(xt), "atx": vec(a.T @ xt)})
out["gemv"] = gemv

# Cholesky, log-determinant and solve.
cholesky = []
for n in (1, 4, 17, 50):
    a = spd(n)
    b = randn(n)
    sign, logdet = np.linalg.slogdet(a)
    cholesky.append({"a": mat(a), "l": mat(np.linalg.cholesky(a)), "logDeterminant": float(logdet),
                     "b": vec(b), "x": vec(np.linalg.solve(a, b)), "condition": float(np.linalg.cond(a))})
out["cholesky"] = cholesky

# QR (unpivoted, LAPACK dgeqrf) — R compared up to the sign of each row.
qr = []
for (m, n) in [(5, 3), (20, 20), (40, 13), (6, 9)]:
    a = randn(m, n)
    q, r = np.linalg.qr(a, mode="reduced")
    qr.append({"a": mat(a), "r": mat(r)})
out["qr"] = qr

# Least squares: well conditioned, Hilbert(8) (cond ~1.5e10), rank deficient (minimum norm).
lstsq = []
a = randn(30, 6); b = randn(30)
x, res, rank, sv = np.linalg.lstsq(a, b)
lstsq.append({"name": "well_conditioned", "a": mat(a), "b": vec(b), "x": vec(x), "rank": int(rank),
              "condition": float(np.linalg.cond(a))})
h = scipy.linalg.hilbert(8)
xtrue = np.ones(8)
bh = h @ xtrue
x, res, rank, sv = np.linalg.lstsq(h, bh)
lstsq.append({"name": "hilbert8", "a": mat(h), "b": vec(bh), "x": vec(x), "rank": int(rank),
              "condition": float(np.linalg.cond(h))})
base = randn(25, 4)
a = np.column_stack([base, base[:, 0] + base[:, 1], 2.0 * base[:, 2]])  # rank 4 of 6
b = randn(25)
x, res, rank, sv = np.linalg.lstsq(a, b)
lstsq.append({"name": "rank_deficient", "a": mat(a), "b": vec(b), "x": vec(x), "rank": int(rank),
              "condition": 1.0})
a = randn(4, 9); b = randn(4)
x, res, rank, sv = np.linalg.lstsq(a, b)
lstsq.append({"name": "underdetermined", "a": mat(a), "b": vec(b), "x": vec(x), "rank": int(rank),
              "condition": float(np.linalg.cond(a))})
out["leastSquares"] = lstsq

# Symmetric eigendecomposition (eigh: ascending).
eigen = []
for n in (1, 2, 5, 16, 40):
    s = randn(n, n); s = (s + s.T) / 2
    w, v = np.linalg.eigh(s)
    eigen.append({"a": mat(s), "eigenvalues": vec(w), "eigenvectors": mat(v)})
# Repeated eigenvalues: Q diag(1, 1, 2, 3, 3) Q^T.
q, _ = np.linalg.qr(randn(5, 5))
s = (q * np.array([1.0, 1.0, 2.0, 3.0, 3.0])) @ q.T
s = (s + s.T) / 2
w, v = np.linalg.eigh(s)
eigen.append({"a": mat(s), "eigenvalues": vec(w), "eigenvectors": mat(v)})
out["symmetricEigen"] = eigen

# SVD singular values (thin).
svd = []
for (m, n) in [(1, 1), (6, 4), (4, 6), (50, 8), (8, 50), (30, 30)]:
    a = randn(m, n)
    svd.append({"a": mat(a), "singularValues": vec(np.linalg.svd(a, compute_uv=False))})
# Graded singular values 1 .. 1e-12 (relative accuracy test).
u, _ = np.linalg.qr(randn(12, 7))
v, _ = np.linalg.qr(randn(7, 7))
a = (u * np.logspace(0, -12, 7)) @ v.T
svd.append({"a": mat(a), "singularValues": vec(np.linalg.svd(a, compute_uv=False))})
out["svd"] = svd

# LU solve, determinant, inverse.
lu = []
for n in (1, 3, 10, 37):
    a = randn(n, n)
    b = randn(n)
    lu.append({"a": mat(a), "b": vec(b), "x": vec(np.linalg.solve(a, b)),
               "determinant": float(np.linalg.det(a)), "inverse": mat(np.linalg.inv(a)),
               "condition": float(np.linalg.cond(a))})
out["lu"] = lu

path = pathlib.Path(__file__).with_name("linear_algebra.json")
path.write_text(json.dumps(out, indent=None, separators=(",", ":")) + "\n")
print(f"wrote {path} ({path.stat().st_size} bytes)")
