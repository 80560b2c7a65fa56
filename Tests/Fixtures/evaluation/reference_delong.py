"""DeLong's AUC variance and paired test, transcribed from the published formulas. R pROC itself is run on
the same data by ../evaluation_R/generate_proc.R (Tests/EvaluationTests/PROCAgreementTests.swift).

DeLong ER, DeLong DM, Clarke-Pearson DL (1988), Biometrics 44:837-845, as computed by Sun X, Xu W
(2014), IEEE Signal Processing Letters 21:1389-1393 ("fast DeLong", from mid-ranks), vectorised with
scipy.stats.rankdata. pROC conventions: var = S10/m + S01/n with sample (n - 1) variances; the CI is
auc +/- z * sqrt(var) clipped to [0, 1]; the paired test is z = (auc1 - auc2) / sqrt(var1 + var2 - 2 cov).

Cross-checks (run by generate_evaluation.py): the AUC equals scikit-learn's roc_auc_score and
scipy's Mann-Whitney U / (m n); the variance equals a direct O(m n) evaluation of the placement values.
"""
import numpy as np
from scipy import stats


def structural_components(scores, labels):
    scores = np.asarray(scores, dtype=float)
    labels = np.asarray(labels, dtype=bool)
    pos, neg = scores[labels], scores[~labels]
    m, n = len(pos), len(neg)
    tx = stats.rankdata(pos)          # mid-ranks within positives
    ty = stats.rankdata(neg)          # mid-ranks within negatives
    tz = stats.rankdata(np.r_[pos, neg])  # mid-ranks overall
    v10 = (tz[:m] - tx) / n           # negatives below each positive (+ half ties), / n
    v01 = 1.0 - (tz[m:] - ty) / m     # positives above each negative (+ half ties), / m
    auc = (tz[:m].sum() - m * (m + 1) / 2) / (m * n)
    return auc, v10, v01


def delong_auc(scores, labels, level=0.95):
    auc, v10, v01 = structural_components(scores, labels)
    m, n = len(v10), len(v01)
    var = np.var(v10, ddof=1) / m + np.var(v01, ddof=1) / n
    z = stats.norm.ppf(0.5 + level / 2)
    half = z * np.sqrt(var)
    return dict(auc=auc, variance=var, lower=max(0.0, auc - half), upper=min(1.0, auc + half))


def delong_paired(scores1, scores2, labels, level=0.95):
    a1, p1, n1 = structural_components(scores1, labels)
    a2, p2, n2 = structural_components(scores2, labels)
    m, n = len(p1), len(n1)
    s10 = np.cov(np.vstack([p1, p2]), ddof=1)
    s01 = np.cov(np.vstack([n1, n2]), ddof=1)
    s = s10 / m + s01 / n
    var = s[0, 0] + s[1, 1] - 2 * s[0, 1]
    z = (a1 - a2) / np.sqrt(var)
    p = 2 * stats.norm.sf(abs(z))
    q = stats.norm.ppf(0.5 + level / 2)
    return dict(first=a1, second=a2, difference=a1 - a2, variance=var, covariance=s[0, 1], z=z, p_value=p,
                lower=a1 - a2 - q * np.sqrt(var), upper=a1 - a2 + q * np.sqrt(var))


def delong_variance_direct(scores, labels):
    """O(m n) placement values, for the cross-check only."""
    scores = np.asarray(scores, dtype=float)
    labels = np.asarray(labels, dtype=bool)
    x, y = scores[labels][:, None], scores[~labels][None, :]
    psi = (x > y) + 0.5 * (x == y)
    v10, v01 = psi.mean(axis=1), psi.mean(axis=0)
    return np.var(v10, ddof=1) / len(v10) + np.var(v01, ddof=1) / len(v01)
