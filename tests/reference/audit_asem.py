#!/usr/bin/env python3
"""Reference values for the golden test of `src/audit.rs` (`tests/it/audit_asem.rs`).

Reads the ASEM data shipped with COINr (`data/asem/`):

- `coinr_reference/minmax_amean_aggregated.csv`: COINr 1.1.14's own output of its default
  build (min-max 0-100 of Direction x value, arithmetic means with iMeta weights), with the
  49 normalised indicators and the 11 aggregates. This is the input table of every
  correlation, alpha and PCA below: it comes from R, not from Yardstick.
- `iMeta.csv`: the hierarchy (children of each aggregate in metadata order) and directions.
- `iData.csv`: the raw indicator values, for data availability and for the correlations
  on raw values (Direction x value, Yardstick's `ValueBasis::Treated` with the default build,
  which neither denominates, imputes nor treats).

and writes `tests/data/audit/asem_expected.json`.

What is computed, per aggregate, with numpy/scipy directly (no Yardstick code):

- `with_parent`: each child against the aggregate; `siblings`: every pair of children once,
  in metadata order. Pairwise-complete observations (rows where both are present), then
  `scipy.stats.pearsonr` and `scipy.stats.spearmanr` (average ranks for ties); `n` is the
  number of rows used. Fewer than 3 rows or a constant column give null.
- `complete_cases`: rows with every child present. On these:
  - `cronbach_alpha` in COINr's `get_cronbach` form, k^2 * mean(off-diagonal covariance) /
    sum(covariance matrix), with `numpy.cov` (on complete cases this equals Cronbach's
    k/(k-1) * (1 - sum of item variances / variance of the total));
  - `pca_eigenvalues`: `numpy.linalg.eigvalsh` of `numpy.corrcoef`, largest first,
    cross-checked against the singular values of the standardised matrix (as R's
    `prcomp(scale. = TRUE)` and COINr's `get_PCA` do); `pca_shares` = eigenvalue / sum.
- `flags` on Pearson's r with the defaults of COINr's `plot_corr`
  (`flagthresh = c(-0.4, 0.3, 0.9)`), strict comparisons as `get_corr_flags`:
  collinear |r| > 0.9, negative r < -0.4 (pairs of children), weak r < 0.3 (child with the
  aggregate). The script checks that no r lies within 1e-6 of a threshold, so that the
  flags do not depend on the last bits.
- `raw_siblings`: for aggregates whose children are indicators, the sibling correlations of
  Direction x raw value from `iData.csv`.

`availability`: for each unit, how many of the 49 indicators `iData.csv` has; for each
indicator, how many of the 51 units have it (ASEM has no reference rows, every unit counts).

Run from the repository root:

    python3 -m venv /tmp/audit-venv
    /tmp/audit-venv/bin/pip install numpy scipy pandas
    /tmp/audit-venv/bin/python tests/reference/audit_asem.py

The versions used for the committed output are recorded in the JSON (`generated_with`).
"""

import json
import math
import pathlib
import platform

import numpy as np
import pandas as pd
import scipy
import scipy.stats

ROOT = pathlib.Path(__file__).resolve().parents[2]
ASEM = ROOT / "data" / "asem"
OUT = ROOT / "tests" / "data" / "audit" / "asem_expected.json"

MIN_OBSERVATIONS = 3
COLLINEAR, NEGATIVE, WEAK = 0.9, -0.4, 0.3
THRESHOLD_MARGIN = 1e-6


def correlation(x, y):
    """Pearson and Spearman over the rows where both are present."""
    mask = ~(np.isnan(x) | np.isnan(y))
    xs, ys = x[mask], y[mask]
    n = int(mask.sum())
    if n < MIN_OBSERVATIONS or np.all(xs == xs[0]) or np.all(ys == ys[0]):
        return {"pearson": None, "spearman": None, "n": n}
    return {
        "pearson": float(scipy.stats.pearsonr(xs, ys).statistic),
        "spearman": float(scipy.stats.spearmanr(xs, ys).statistic),
        "n": n,
    }


def cronbach(matrix):
    """COINr's get_cronbach on a complete matrix (rows = units, columns = items)."""
    k = matrix.shape[1]
    cov = np.cov(matrix, rowvar=False, ddof=1)
    total = cov.sum()
    off_mean = (total - np.trace(cov)) / (k * (k - 1))
    return float(k * k * off_mean / total)


def cronbach_textbook(matrix):
    k = matrix.shape[1]
    items = matrix.var(axis=0, ddof=1).sum()
    return k / (k - 1) * (1 - items / matrix.sum(axis=1).var(ddof=1))


def pca(matrix):
    eig = np.sort(np.linalg.eigvalsh(np.corrcoef(matrix, rowvar=False)))[::-1]
    eig = np.maximum(eig, 0.0)
    z = (matrix - matrix.mean(axis=0)) / matrix.std(axis=0, ddof=1)
    sv = np.linalg.svd(z, compute_uv=False) ** 2 / (matrix.shape[0] - 1)
    assert np.allclose(np.sort(sv)[::-1], eig, atol=1e-12), (sv, eig)
    return [float(v) for v in eig], [float(v / eig.sum()) for v in eig]


def away_from_thresholds(r, what):
    for t in (COLLINEAR, -COLLINEAR, NEGATIVE, WEAK):
        assert abs(r - t) > THRESHOLD_MARGIN, f"{what}: r = {r} is too close to {t}"


def main():
    meta = pd.read_csv(ASEM / "iMeta.csv")
    meta = meta[meta["Type"].isin(["Indicator", "Aggregate"])]
    values = pd.read_csv(ASEM / "coinr_reference" / "minmax_amean_aggregated.csv")
    raw = pd.read_csv(ASEM / "iData.csv")
    assert len(values) == 51 and len(raw) == 51
    assert "uType" not in raw.columns  # every row is a ranked unit
    direction = dict(zip(meta["iCode"], meta["Direction"]))
    indicators = list(meta.loc[meta["Type"] == "Indicator", "iCode"])

    nodes = {}
    raw_siblings = {}
    for _, row in meta[meta["Type"] == "Aggregate"].iterrows():
        code = row["iCode"]
        children = list(meta.loc[meta["Parent"] == code, "iCode"])
        col = {c: values[c].to_numpy(dtype=float) for c in children + [code]}
        with_parent = []
        for c in children:
            corr = correlation(col[c], col[code])
            with_parent.append({"child": c, **corr})
        siblings = []
        for i, a in enumerate(children):
            for b in children[i + 1:]:
                siblings.append({"a": a, "b": b, **correlation(col[a], col[b])})
        matrix = values[children].dropna().to_numpy(dtype=float)
        alpha = cronbach(matrix)
        assert math.isclose(alpha, cronbach_textbook(matrix), rel_tol=1e-12, abs_tol=1e-12)
        eigenvalues, shares = pca(matrix)

        for s in siblings:
            away_from_thresholds(s["pearson"], f"{code}: {s['a']}-{s['b']}")
        for p in with_parent:
            away_from_thresholds(p["pearson"], f"{code}: {p['child']}")
        flags = {
            "collinear": [[s["a"], s["b"]] for s in siblings if abs(s["pearson"]) > COLLINEAR],
            "negative": [[s["a"], s["b"]] for s in siblings if s["pearson"] < NEGATIVE],
            "weak_with_parent": [p["child"] for p in with_parent if p["pearson"] < WEAK],
        }
        nodes[code] = {
            "level": int(row["Level"]),
            "children": children,
            "with_parent": with_parent,
            "siblings": siblings,
            "complete_cases": int(matrix.shape[0]),
            "cronbach_alpha": alpha,
            "pca_eigenvalues": eigenvalues,
            "pca_shares": shares,
            "flags": flags,
        }
        if all(c in indicators for c in children):
            signed = {c: direction[c] * raw[c].to_numpy(dtype=float) for c in children}
            raw_siblings[code] = [
                {"a": a, "b": b, **correlation(signed[a], signed[b])}
                for i, a in enumerate(children)
                for b in children[i + 1:]
            ]

    present = raw[indicators].notna()
    availability = {
        "n_indicators": len(indicators),
        "n_units": len(raw),
        "units": {u: int(n) for u, n in zip(raw["uCode"], present.sum(axis=1))},
        "indicators": {i: int(present[i].sum()) for i in indicators},
    }

    out = {
        "generated_with": {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "pandas": pd.__version__,
        },
        "source": "COINr 1.1.14 minmax_amean_aggregated.csv (ASEM), iMeta.csv, iData.csv",
        "thresholds": {"collinear": COLLINEAR, "negative": NEGATIVE, "weak": WEAK},
        "nodes": nodes,
        "raw_siblings": raw_siblings,
        "availability": availability,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(out, indent=1, allow_nan=False) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
