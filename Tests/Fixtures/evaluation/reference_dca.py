"""Decision curve analysis, transcribed from the published formulas (R's dcurves is not available
here). Treated = predicted risk >= threshold, as dcurves::dca.

Vickers AJ, Elkin EB (2006), Med Decis Making 26:565-574 (binary):
    NB = TP/N - FP/N * pt / (1 - pt);   treat all: prevalence - (1 - prevalence) * pt / (1 - pt).
Vickers AJ, Cronin AM, Elkin EB, Gonen M (2008), BMC Med Inform Decis Mak 8:53 (survival at horizon h):
    x = share treated, S = Kaplan-Meier survival at h among the treated (lifelines),
    NB = (1 - S) x - S x pt / (1 - pt)  (0 when no one is treated); treat all uses everyone's KM.
"""
import numpy as np
from lifelines import KaplanMeierFitter


def net_benefit_binary(prob, y, thresholds):
    prob, y = np.asarray(prob), np.asarray(y, dtype=bool)
    n = len(y)
    prevalence = y.mean()
    model, treat_all = [], []
    for pt in thresholds:
        treated = prob >= pt
        tp = np.sum(treated & y)
        fp = np.sum(treated & ~y)
        w = pt / (1 - pt)
        model.append(tp / n - fp / n * w)
        treat_all.append(prevalence - (1 - prevalence) * w)
    return model, treat_all


def km_at(time, event, h):
    kmf = KaplanMeierFitter().fit(time, event)
    return float(kmf.survival_function_at_times(h).iloc[0])


def net_benefit_survival(risk, time, event, horizon, thresholds):
    risk, time, event = np.asarray(risk), np.asarray(time), np.asarray(event, dtype=bool)
    n = len(risk)
    s_all = km_at(time, event, horizon)
    model, treat_all = [], []
    for pt in thresholds:
        w = pt / (1 - pt)
        treated = risk >= pt
        if treated.sum() == 0:
            model.append(0.0)
        else:
            s = km_at(time[treated], event[treated], horizon)
            x = treated.mean()
            model.append((1 - s) * x - s * x * w)
        treat_all.append((1 - s_all) - s_all * w)
    return model, treat_all
