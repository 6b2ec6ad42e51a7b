#!/usr/bin/env python3
"""Reference scores for the golden tests of `src/mcda.rs` (`tests/it/mcda_published.rs`).

Writes `tests/data/mcdm/rankings_expected.json` from the input files in `tests/data/mcdm/`.
Each case carries two kinds of expected values:

- `published`: the numbers printed in the source, exactly as the peer library's test suite
  quotes them (pymcdm, pyrepo-mcda, scikit-criteria, JMcDM), with the number of decimals they
  were published to. They are typed in below, not computed.
- `reference`: full-precision values computed here, with pymcdm (PyPI) for TOPSIS and with the
  plain numpy formulas written out below for grey relational analysis (pymcdm has none) and
  the coupling coordination degree (no peer has it).

Run from the repository root:

    python3 -m venv /tmp/venv-mcdm && /tmp/venv-mcdm/bin/pip install pymcdm==1.4.0
    /tmp/venv-mcdm/bin/python tests/reference/mcdm_rankings.py

Versions used for the committed output are recorded in the JSON (`generated_with`).
"""

import json
import pathlib
from importlib import metadata

import numpy as np
from pymcdm import normalizations as pn
from pymcdm import weights as pw
from pymcdm.methods import TOPSIS
from scipy.stats import rankdata

DATA = pathlib.Path(__file__).resolve().parent.parent / "data" / "mcdm"


def load(case):
    with open(DATA / f"{case}.json", encoding="utf-8") as f:
        spec = json.load(f)
    weights = None if spec["weights"] is None else np.array(spec["weights"], dtype=float)
    return np.array(spec["matrix"], dtype=float), np.array(spec["types"], dtype=int), weights


def ranks(scores):
    """Competition ranks, higher is better ("1, 2, 2, 4"), as TiePolicy::Min."""
    return [int(r) for r in rankdata(-np.asarray(scores), method="min")]


# --- numpy formulas (independent of the Rust code) -------------------------------------------


def topsis_vector_classic(x, types, w):
    """Hwang & Yoon: r = x / ||x||, PIS = max (benefit) / min (cost), NIS the opposite."""
    v = w * x / np.sqrt((x**2).sum(axis=0))
    pis = np.where(types > 0, v.max(axis=0), v.min(axis=0))
    nis = np.where(types > 0, v.min(axis=0), v.max(axis=0))
    dp = np.sqrt(((v - pis) ** 2).sum(axis=1))
    dm = np.sqrt(((v - nis) ** 2).sum(axis=1))
    return dm / (dp + dm)


def grey_relational(x, types, w, zeta=0.5):
    """Deng's GRA as in JMcDM `grey`: min-max with cost inverted, reference = all ones,
    delta min/max over the whole matrix, grade = sum w xi with w normalised."""
    lo, hi = x.min(axis=0), x.max(axis=0)
    r = np.where(types > 0, (x - lo) / (hi - lo), (hi - x) / (hi - lo))
    delta = np.abs(1.0 - r)
    dmin, dmax = delta.min(), delta.max()
    xi = (dmin + zeta * dmax) / (delta + zeta * dmax)
    return xi @ (w / w.sum())


def coupling_coordination(u, alpha):
    """C = [prod U / (mean U)^n]^(1/n), T = sum alpha U, D = sqrt(C T); u has units in rows."""
    n = u.shape[1]
    c = (np.prod(u, axis=1) / u.mean(axis=1) ** n) ** (1.0 / n)
    t = u @ alpha
    return c, t, np.sqrt(c * t)


# --- published values (typed in from the peer test suites) -----------------------------------

PYMCDM = "github:kotbaton/pymcdm test/test_mcdm.py"
PYREPO = "github:energyinpython/pyrepo-mcda tests/test_mcda_methods_1.py"
SKCRIT = "github:quatrope/scikit-criteria tests/agg/test_topsis.py"
JMCDM = "github:jbytecode/JMcDM test/mcdm/testgra.jl"

PUBLISHED = {
    "topsis_minmax_opricovic2004": ([0.500, 0.617, 0.500], 3,
                                    f"{PYMCDM}::TestTOPSIS (Opricovic & Tzeng 2004)"),
    "topsis_vector_tzeng2011": ([0.5037, 0.6581, 0.7482, 0.3340], 4,
                                f"{SKCRIT}::test_TOPSIS_tzeng2011multiple (Tzeng & Huang 2011)"),
    # The peer test rounds both sides to 2 decimals; the paper prints 3.
    "topsis_vector_ersoy2021": ([0.308, 0.254, 0.327, 0.263, 0.857, 0.192], 3,
                                f"{PYREPO}::Test_TOPSIS.test_topsis (Ersoy 2021)"),
    # JMcDM prints its own full-precision output and tests it with atol = 1e-4.
    "gra_yildirim_onder2015": ([0.525, 0.7007142857142857, 0.5464285714285715,
                                0.5762820512820512, 0.650952380952381], 4,
                               f"{JMCDM} (Yildirim & Onder 2015)"),
}

# The entropy weights as the Ersoy (2021) paper printed them (3 decimals), which pyrepo-mcda's
# test feeds to TOPSIS.
ERSOY_ROUNDED_WEIGHTS = [0.405, 0.221, 0.134, 0.199, 0.007, 0.034]

# A small coupling-coordination example: 4 units x 3 subsystems, equal alpha.
CCD_MATRIX = [[0.2, 0.4, 0.6], [0.5, 0.5, 0.5], [0.9, 0.1, 0.3], [0.0, 0.7, 0.8]]
CCD_ALPHA = [1 / 3, 1 / 3, 1 / 3]


def main():
    cases = {}

    def add(name, method, scores, impl, extra=None):
        entry = {"method": method, "reference": [float(s) for s in scores],
                 "reference_ranks": ranks(scores), "reference_impl": impl}
        if name in PUBLISHED:
            values, decimals, source = PUBLISHED[name]
            entry.update(published=values, published_decimals=decimals,
                         published_source=source)
        if extra:
            entry.update(extra)
        cases[name] = entry

    x, types, w = load("topsis_minmax_opricovic2004")
    add("topsis_minmax_opricovic2004", "topsis_min_max",
        TOPSIS(pn.minmax_normalization)(x, w, types),
        "pymcdm.methods.TOPSIS(minmax_normalization)",
        {"input": "topsis_minmax_opricovic2004.json"})

    x, types, w = load("topsis_vector_tzeng2011")
    ref = TOPSIS(pn.vector_normalization)(x, w, types)
    assert np.allclose(ref, topsis_vector_classic(x, types, w), rtol=0, atol=1e-14)
    add("topsis_vector_tzeng2011", "topsis_vector", ref,
        "pymcdm.methods.TOPSIS(vector_normalization)", {"input": "topsis_vector_tzeng2011.json"})

    x, types, _ = load("topsis_vector_ersoy2021")
    w = pw.entropy_weights(x)
    ref = TOPSIS(pn.vector_normalization)(x, w, types)
    # pymcdm's vector normalisation uses 1 - r for cost criteria and the column max as PIS;
    # the classic max/min rule gives the same distances.
    assert np.allclose(ref, topsis_vector_classic(x, types, w), rtol=0, atol=1e-14)
    add("topsis_vector_ersoy2021", "entropy+topsis_vector", ref,
        "pymcdm.weights.entropy_weights + pymcdm.methods.TOPSIS(vector_normalization)",
        {"input": "topsis_vector_ersoy2021.json", "entropy_weights": [float(v) for v in w]})
    rounded = np.array(ERSOY_ROUNDED_WEIGHTS)
    add("topsis_vector_ersoy2021_rounded_weights", "topsis_vector",
        TOPSIS(pn.vector_normalization)(x, rounded, types),
        "pymcdm.methods.TOPSIS(vector_normalization) with the paper's 3-decimal weights",
        {"input": "topsis_vector_ersoy2021.json", "weights": ERSOY_ROUNDED_WEIGHTS})

    x, types, w = load("gra_yildirim_onder2015")
    add("gra_yildirim_onder2015", "grey_relational", grey_relational(x, types, w),
        "numpy (grey_relational in this script)",
        {"input": "gra_yildirim_onder2015.json", "distinguishing": 0.5})
    add("gra_yildirim_onder2015_rho_0.3", "grey_relational",
        grey_relational(x, types, w, zeta=0.3), "numpy (grey_relational in this script)",
        {"input": "gra_yildirim_onder2015.json", "distinguishing": 0.3})

    u, alpha = np.array(CCD_MATRIX), np.array(CCD_ALPHA)
    c, t, d = coupling_coordination(u, alpha)
    cases["ccd_small"] = {
        "method": "coupling_coordination", "matrix": CCD_MATRIX, "alpha": CCD_ALPHA,
        "coupling": [float(v) for v in c], "development": [float(v) for v in t],
        "reference": [float(v) for v in d], "reference_ranks": ranks(d),
        "reference_impl": "numpy (coupling_coordination in this script)",
    }

    out = {
        "generated_by": "tests/reference/mcdm_rankings.py",
        "generated_with": {"pymcdm": metadata.version("pymcdm"), "numpy": np.__version__},
        "cases": cases,
    }
    with open(DATA / "rankings_expected.json", "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
