#!/usr/bin/env python3
"""Reference values for the golden tests of `src/inequality.rs` (`tests/it/inequality_pysal.rs`).

Reads `data/mexico/mexico.csv` (PySAL's Mexico state income panel, a byte-identical copy
of `libpysal/examples/mexico/mexico.csv`) and writes `tests/data/mexico/pysal_expected.json`.

What comes from where:

- `theil`: PySAL `inequality.theil.Theil` (Theil T) and `inequality.theil.TheilD` (total,
  between, within) for every decade and every regional grouping in the file.
- `gini`: PySAL `inequality.gini.Gini` (relative mean difference over 2, divisor n²).
- `dispersion`: coefficient of variation from `scipy.stats.variation` (ddof 0 and 1) and the
  standard deviation of logs from `numpy.std` (ddof 0 and 1). PySAL's `inequality` package has
  no coefficient of variation or σ-convergence function, so these come from scipy/numpy.
- `sigma_trend`: OLS of each dispersion series on the year, `statsmodels.api.OLS`, cross-checked
  with `scipy.stats.linregress`.
- `beta`: OLS of the average annual growth rate ln(y_T / y_0) / T on ln(y_0) with
  `statsmodels.api.OLS` (cross-checked with `scipy.stats.linregress`); the implied speed of
  convergence λ = −ln(1 + βT)/T and half-life ln 2/λ are the Barro & Sala-i-Martin (1992)
  formulas, written out below.
- `dagum`: PySAL has no Dagum (1997) decomposition. The values here are a direct numpy
  transcription of Dagum's definitions (double sums over all pairs, d_jh and p_jh as the
  positive and negative parts of the pairwise differences), an independent code path from the
  sort-based Rust implementation. They are not a peer library's output.

Run from the repository root:

    python3 -m venv /tmp/pysal-venv
    /tmp/pysal-venv/bin/pip install inequality==1.1.2 statsmodels==0.15.0
    /tmp/pysal-venv/bin/python tests/reference/mexico_inequality.py

Versions used for the committed output are recorded in the JSON (`generated_with`).
"""

import csv
import json
import math
import pathlib

import inequality
import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm
from inequality.gini import Gini
from inequality.theil import Theil, TheilD
from scipy import stats

DATA = pathlib.Path(__file__).resolve().parent.parent / "data" / "mexico"
YEARS = list(range(1940, 2010, 10))
GROUPINGS = ["hanson03", "hanson98", "esquivel99", "inegi", "inegi2"]


def load():
    with open(DATA / "mexico.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    y = np.array([[float(r[f"pcgdp{year}"]) for year in YEARS] for r in rows])
    groups = {g: np.array([int(float(r[g])) for r in rows]) for g in GROUPINGS}
    return [r["State"] for r in rows], y, groups


def ols(x, y):
    """statsmodels OLS of y on a constant and x, cross-checked with scipy's linregress."""
    fit = sm.OLS(y, sm.add_constant(x)).fit()
    lr = stats.linregress(x, y)
    assert math.isclose(fit.params[1], lr.slope, rel_tol=1e-12)
    assert math.isclose(fit.bse[1], lr.stderr, rel_tol=1e-10)
    assert math.isclose(fit.bse[0], lr.intercept_stderr, rel_tol=1e-10)
    assert math.isclose(fit.pvalues[1], lr.pvalue, rel_tol=1e-9)
    return {
        "n": int(fit.nobs),
        "slope": float(fit.params[1]),
        "intercept": float(fit.params[0]),
        "slope_se": float(fit.bse[1]),
        "intercept_se": float(fit.bse[0]),
        "slope_t": float(fit.tvalues[1]),
        "intercept_t": float(fit.tvalues[0]),
        "slope_p": float(fit.pvalues[1]),
        "intercept_p": float(fit.pvalues[0]),
        "r_squared": float(fit.rsquared),
        "linregress_slope_p": float(lr.pvalue),
    }


def dagum(y, part):
    """Dagum (1997) decomposition by the definitions, O(n²) double sums."""
    n, mean = len(y), y.mean()
    labels = sorted(set(part.tolist()))
    sub = {g: y[part == g] for g in labels}
    mu = {g: sub[g].mean() for g in labels}
    p = {g: len(sub[g]) / n for g in labels}
    s = {g: len(sub[g]) * mu[g] / (n * mean) for g in labels}
    g_total = np.abs(y[:, None] - y[None, :]).sum() / (2 * n * n * mean)
    within = 0.0
    for g in labels:
        a = sub[g]
        gjj = np.abs(a[:, None] - a[None, :]).sum() / (2 * len(a) ** 2 * mu[g])
        within += gjj * p[g] * s[g]
    net, trans = 0.0, 0.0
    for i, j in [(i, j) for i in labels for j in labels if i < j]:
        # Dagum orders each pair so that j is the group with the larger mean.
        hi, lo = (i, j) if mu[i] >= mu[j] else (j, i)
        diff = sub[hi][:, None] - sub[lo][None, :]
        d = np.clip(diff, 0, None).sum() / diff.size
        pp = np.clip(-diff, 0, None).sum() / diff.size
        gjh = np.abs(diff).sum() / (diff.size * (mu[hi] + mu[lo]))
        big_d = (d - pp) / (d + pp)
        w = p[hi] * s[lo] + p[lo] * s[hi]
        net += gjh * w * big_d
        trans += gjh * w * (1 - big_d)
    return {"total": g_total, "within": within, "net_between": net, "transvariation": trans}


def main():
    _, y, groups = load()
    out = {
        "generated_with": {
            "inequality": inequality.__version__,
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "statsmodels": statsmodels.__version__,
            "script": "tests/reference/mexico_inequality.py",
        },
        "years": YEARS,
        "groupings": GROUPINGS,
        "theil": {},
        "gini": {},
        "dispersion": {},
        "dagum": {},
    }
    theil_t = Theil(y).T
    for k, year in enumerate(YEARS):
        col = y[:, k]
        entry = {"T": float(theil_t[k])}
        for g in GROUPINGS:
            d = TheilD(col, groups[g])
            entry[g] = {
                "total": float(np.asarray(d.T).ravel()[0]),
                "between": float(np.asarray(d.bg).ravel()[0]),
                "within": float(np.asarray(d.wg).ravel()[0]),
            }
        out["theil"][str(year)] = entry
        out["gini"][str(year)] = float(Gini(col).g)
        logs = np.log(col)
        out["dispersion"][str(year)] = {
            "cv_population": float(stats.variation(col, ddof=0)),
            "cv_sample": float(stats.variation(col, ddof=1)),
            "sd_log_population": float(np.std(logs, ddof=0)),
            "sd_log_sample": float(np.std(logs, ddof=1)),
        }
        out["dagum"][str(year)] = {
            g: {k2: float(v) for k2, v in dagum(col, groups[g]).items()} for g in GROUPINGS
        }
    years = np.array(YEARS, dtype=float)
    out["sigma_trend"] = {
        key: ols(years, np.array([out["dispersion"][str(t)][key] for t in YEARS]))
        for key in ["cv_population", "cv_sample", "sd_log_population", "sd_log_sample"]
    }
    spans = [(1940, 2000)] + [(t, t + 10) for t in YEARS[:-1]]
    out["beta"] = []
    for first, last in spans:
        span = last - first
        y0, y1 = y[:, YEARS.index(first)], y[:, YEARS.index(last)]
        fit = ols(np.log(y0), np.log(y1 / y0) / span)
        beta = fit["slope"]
        speed = -math.log1p(beta * span) / span if beta < 0 and 1 + beta * span > 0 else None
        fit.update(
            {
                "first": first,
                "last": last,
                "speed": speed,
                "half_life": math.log(2) / speed if speed else None,
            }
        )
        out["beta"].append(fit)
    with open(DATA / "pysal_expected.json", "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
