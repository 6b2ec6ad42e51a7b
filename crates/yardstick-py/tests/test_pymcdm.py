"""Entropy weights and TOPSIS against pymcdm 1.4.0 (Kizielewicz, Shekhovtsov & Sałabun 2023,
SoftwareX 22, 101368) on a random 3,000 × 100 decision matrix.

pymcdm's `weights.entropy_weights` takes p_ij = x_ij / Σ_i x_ij of the raw matrix and
k = 1 / ln m (Yardstick's `raw` convention; the matrix holds no zero, where the two would
differ: pymcdm 1.4.0 rejects zeros). `methods.TOPSIS()` normalises by min-max with cost
criteria inverted (Yardstick's `minmax`); see data/mcdm/README.md.
"""

import numpy as np
import pytest

import yardstick

pymcdm = pytest.importorskip("pymcdm")

# Both sides sum 3,000 terms in a different order: agreement to 1e-12, not to the bit.
PYMCDM_ABS = 1e-12

ROWS, COLUMNS = 3_000, 100


def decision_matrix(seed: int) -> "tuple[np.ndarray, np.ndarray]":
    rng = np.random.default_rng(seed)
    matrix = rng.uniform(1.0, 100.0, size=(ROWS, COLUMNS))
    types = np.where(rng.random(COLUMNS) < 0.3, -1.0, 1.0)
    return matrix, types


@pytest.mark.parametrize("seed", [20231, 7])
def test_entropy_and_topsis_match_pymcdm(seed: int) -> None:
    matrix, types = decision_matrix(seed)
    ours_w = yardstick.entropy_weights(matrix)
    theirs_w = pymcdm.weights.entropy_weights(matrix)
    np.testing.assert_allclose(ours_w, theirs_w, rtol=0, atol=PYMCDM_ABS)

    closeness, ranks = yardstick.topsis(matrix, theirs_w, types)
    theirs = pymcdm.methods.TOPSIS()(matrix, theirs_w, types)
    np.testing.assert_allclose(closeness, theirs, rtol=0, atol=PYMCDM_ABS)
    # Identical rankings: pymcdm ranks a higher preference first.
    theirs_ranks = pymcdm.helpers.rankdata(theirs, reverse=True)
    assert np.array_equal(ranks, theirs_ranks)


def test_fortran_order_and_c_order_give_the_same_bits() -> None:
    matrix, types = decision_matrix(3)
    weights = yardstick.entropy_weights(matrix)
    fortran = np.asfortranarray(matrix)
    assert np.array_equal(yardstick.entropy_weights(fortran), weights)
    a = yardstick.topsis(matrix, weights, types)
    b = yardstick.topsis(fortran, weights, types)
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])


def test_vector_topsis_matches_pymcdm() -> None:
    matrix, types = decision_matrix(11)
    weights = np.full(COLUMNS, 1.0 / COLUMNS)
    closeness, _ = yardstick.topsis(matrix, weights, types, normalisation="vector")
    theirs = pymcdm.methods.TOPSIS(pymcdm.normalizations.vector_normalization)(
        matrix, weights, types
    )
    np.testing.assert_allclose(closeness, theirs, rtol=0, atol=PYMCDM_ABS)


def test_entropy_and_topsis_match_scikit_criteria() -> None:
    """scikit-criteria 0.10: `EntropyWeighter` (scipy's entropy in base m, the same k = 1/ln m),
    `MinMaxScaler` on the matrix, and TOPSIS with the ideal at the minimum of cost criteria:
    the distances of min-max TOPSIS with cost criteria inverted."""
    skcriteria = pytest.importorskip("skcriteria")
    import warnings

    from skcriteria.preprocessing.scalers import MinMaxScaler
    from skcriteria.preprocessing.weighters import EntropyWeighter

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            from skcriteria.agg.topsis import TOPSIS
        except ImportError:
            from skcriteria.agg.similarity import TOPSIS
        matrix, types = decision_matrix(5)
        dm = skcriteria.mkdm(matrix, [max if t > 0 else min for t in types])
        dm = EntropyWeighter().transform(dm)
        result = TOPSIS().evaluate(MinMaxScaler(target="matrix").transform(dm))
    weights = yardstick.entropy_weights(matrix)
    np.testing.assert_allclose(weights, dm.weights.to_numpy(), rtol=0, atol=PYMCDM_ABS)
    closeness, ranks = yardstick.topsis(matrix, weights, types)
    np.testing.assert_allclose(closeness, result.e_.similarity, rtol=0, atol=PYMCDM_ABS)
    assert np.array_equal(ranks, result.rank_)
