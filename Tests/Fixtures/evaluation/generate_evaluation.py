"""Reference values for Tests/EvaluationTests (see requirements.txt for the pinned versions).

    /tmp/eval-venv/bin/python Tests/Fixtures/evaluation/generate_evaluation.py

Writes evaluation.json next to this file: the synthetic inputs and every reference value.
  binary:   scikit-learn (roc_auc_score, roc_curve, average_precision_score, brier_score_loss, log_loss,
            calibration_curve), statsmodels (GLM binomial for calibration slope / in-the-large, lowess,
            proportion_confint wilson), reference_delong.py (pROC's DeLong, from the formulas),
            reference_dca.py (dcurves' net benefit, from the formulas).
  survival: scikit-survival (concordance_index_censored, concordance_index_ipcw, cumulative_dynamic_auc,
            brier_score, integrated_brier_score), lifelines (KaplanMeierFitter, concordance_index),
            reference_dca.py for survival decision curves.
"""
import json
import os
import sys

import numpy as np
import statsmodels.api as sm
from lifelines import KaplanMeierFitter
from lifelines.utils import concordance_index
from scipy import stats
from sklearn.calibration import calibration_curve
from sklearn.metrics import (average_precision_score, brier_score_loss, log_loss, roc_auc_score,
                             roc_curve)
from sksurv.metrics import (brier_score, concordance_index_censored, concordance_index_ipcw,
                            cumulative_dynamic_auc, integrated_brier_score)
from sksurv.util import Surv
from statsmodels.nonparametric.smoothers_lowess import lowess
from statsmodels.stats.proportion import proportion_confint

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_dca import net_benefit_binary, net_benefit_survival  # noqa: E402
from reference_delong import delong_auc, delong_paired, delong_variance_direct  # noqa: E402

rng = np.random.default_rng(20240604)
out = {}

# ---------------------------------------------------------------- binary
n = 400
x = rng.standard_normal(n)
y = (rng.random(n) < 1 / (1 + np.exp(-(-0.4 + 1.2 * x)))).astype(int)
# Model 1: a miscalibrated probability (too extreme), rounded so that scores tie.
p1 = np.round(1 / (1 + np.exp(-(-0.2 + 1.8 * x + 0.5 * rng.standard_normal(n)))), 2)
p1 = np.clip(p1, 0.005, 0.995)
# Model 2: a weaker, correlated score.
p2 = 1 / (1 + np.exp(-(-0.4 + 0.7 * x + 0.9 * rng.standard_normal(n))))
fpr, tpr, thr = roc_curve(y, p1, drop_intermediate=False)
d1 = delong_auc(p1, y)
assert abs(d1["auc"] - roc_auc_score(y, p1)) < 1e-12
u = stats.mannwhitneyu(p1[y == 1], p1[y == 0]).statistic
assert abs(d1["auc"] - u / ((y == 1).sum() * (y == 0).sum())) < 1e-12
assert abs(d1["variance"] - delong_variance_direct(p1, y)) < 1e-15
logit1 = np.log(p1 / (1 - p1))
slope_fit = sm.GLM(y, sm.add_constant(logit1), family=sm.families.Binomial()).fit(tol=1e-14)
citl_fit = sm.GLM(y, np.ones((n, 1)), family=sm.families.Binomial(), offset=logit1).fit(tol=1e-14)
prob_true, prob_pred = calibration_curve(y, p1, n_bins=10, strategy="uniform")
bins = np.searchsorted(np.linspace(0, 1, 11)[1:-1], p1)
counts = np.bincount(bins, minlength=10)
counts = counts[counts > 0]
ece = float(np.sum(counts / n * np.abs(prob_true - prob_pred)))
# LOESS on continuous probabilities (model 2), evaluated at the data points.
smooth = lowess(y, p2, frac=2 / 3, it=0, delta=0.0, return_sorted=True)
_, smooth_idx = np.unique(smooth[:, 0], return_index=True)
thresholds = [0.2, 0.5, 0.8]
threshold_rows = []
for t in thresholds:
    pred = p1 >= t
    tp, fp = int(np.sum(pred & (y == 1))), int(np.sum(pred & (y == 0)))
    tn, fn = int(np.sum(~pred & (y == 0))), int(np.sum(~pred & (y == 1)))
    row = dict(threshold=t, tp=tp, fp=fp, tn=tn, fn=fn)
    for name, (s, k) in dict(sensitivity=(tp, tp + fn), specificity=(tn, tn + fp), ppv=(tp, tp + fp),
                             npv=(tn, tn + fn)).items():
        lo, hi = proportion_confint(s, k, alpha=0.05, method="wilson")
        row[name] = [s / k, lo, hi]
    threshold_rows.append(row)
dca_thresholds = [round(v, 2) for v in np.arange(0, 1, 0.05)]
nb, nb_all = net_benefit_binary(p1, y, dca_thresholds)
out["binary"] = dict(
    labels=y.tolist(), p1=p1.tolist(), p2=p2.tolist(),
    roc_auc=roc_auc_score(y, p1), roc_auc2=roc_auc_score(y, p2),
    roc_fpr=fpr.tolist(), roc_tpr=tpr.tolist(), roc_thresholds=[None] + thr[1:].tolist(),
    average_precision=average_precision_score(y, p1), brier=brier_score_loss(y, p1), log_loss=log_loss(y, p1),
    delong=d1, delong_paired=delong_paired(p1, p2, y),
    calibration_slope=float(slope_fit.params[1]), calibration_slope_se=float(slope_fit.bse[1]),
    calibration_intercept=float(slope_fit.params[0]),
    calibration_in_the_large=float(citl_fit.params[0]), calibration_in_the_large_se=float(citl_fit.bse[0]),
    calibration_prob_true=prob_true.tolist(), calibration_prob_pred=prob_pred.tolist(), ece=ece,
    lowess_x=smooth[smooth_idx, 0].tolist(), lowess_y=smooth[smooth_idx, 1].tolist(),
    thresholds=threshold_rows,
    dca_thresholds=dca_thresholds, dca_model=nb, dca_treat_all=nb_all,
)

# ---------------------------------------------------------------- survival
def cohort(n, seed):
    r = np.random.default_rng(seed)
    z = r.standard_normal(n)
    t_event = r.weibull(1.3, n) * 20 * np.exp(-0.6 * z)
    t_cens = r.uniform(2, 40, n)
    time = np.ceil(np.minimum(t_event, t_cens) * 2) / 2      # half-month grid: tied times
    event = t_event <= t_cens
    risk = 0.6 * z + 0.4 * r.standard_normal(n)
    return time, event, risk

train_time, train_event, _ = cohort(300, 1)
test_time, test_event, risk = cohort(200, 2)
s_train = Surv.from_arrays(train_event, train_time)
s_test = Surv.from_arrays(test_event, test_time)
harrell = concordance_index_censored(test_event, test_time, risk)
tau = float(np.quantile(test_time, 0.8))
uno = concordance_index_ipcw(s_train, s_test, risk)
uno_tau = concordance_index_ipcw(s_train, s_test, risk, tau=tau)
times = [4.0, 8.0, 12.0, 16.0, 20.0]
auc_t, mean_auc = cumulative_dynamic_auc(s_train, s_test, risk, times)
# Predicted survival: a Weibull model with the risk as log hazard ratio.
surv = np.exp(-np.power(np.asarray(times)[None, :] / 20.0, 1.3) * np.exp(risk)[:, None])
_, bs = brier_score(s_train, s_test, surv, times)
ibs = integrated_brier_score(s_train, s_test, surv, times)
kmf = KaplanMeierFitter().fit(test_time, test_event)
km_times = [0.5, 3.0, 7.25, 10.0, 15.0, 30.0]
km_surv = kmf.survival_function_at_times(km_times).tolist()
ci = kmf.confidence_interval_survival_function_
km_ci = [ci.loc[:t].iloc[-1].tolist() for t in km_times]
horizon = 12.0
s_h = np.exp(-np.power(horizon / 20.0, 1.3) * np.exp(risk))
order = np.argsort(s_h, kind="stable")
groups = []
G = 5
for g in range(G):
    rows = order[len(order) * g // G: len(order) * (g + 1) // G]
    k = KaplanMeierFitter().fit(test_time[rows], test_event[rows])
    c = k.confidence_interval_survival_function_.loc[:horizon].iloc[-1].tolist()
    groups.append(dict(count=len(rows), events=int(np.sum(test_event[rows] & (test_time[rows] <= horizon))),
                       mean_predicted=float(s_h[rows].mean()),
                       observed=float(k.survival_function_at_times(horizon).iloc[0]), lower=c[0], upper=c[1]))
dca_s, dca_s_all = net_benefit_survival(1 - s_h, test_time, test_event, horizon, dca_thresholds)
out["survival"] = dict(
    train_time=train_time.tolist(), train_event=train_event.tolist(),
    test_time=test_time.tolist(), test_event=test_event.tolist(), risk=risk.tolist(),
    harrell=dict(cindex=harrell[0], concordant=int(harrell[1]), discordant=int(harrell[2]), tied_risk=int(harrell[3])),
    lifelines_cindex=concordance_index(test_time, -risk, test_event),
    uno=uno[0], uno_tau=uno_tau[0], tau=tau,
    times=times, auc=auc_t.tolist(), mean_auc=mean_auc,
    survival_at_times=surv.tolist(), brier=bs.tolist(), integrated_brier=ibs,
    km_times=km_times, km_survival=km_surv, km_ci=km_ci,
    horizon=horizon, calibration_groups=groups,
    dca_model=dca_s, dca_treat_all=dca_s_all,
)

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "evaluation.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print("wrote", path)
