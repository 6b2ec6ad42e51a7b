"""Entropy weights + TOPSIS on a random 3,000 × 100 decision matrix, timed in one process:
Yardstick (through Python), pymcdm 1.4.0 and scikit-criteria 0.10.

    python crates/yardstick-py/bench/topsis_vs_pymcdm.py [--rounds N]

Rounds are interleaved (yardstick, pymcdm, scikit-criteria, yardstick, …) so that a change
of machine load hits every library alike; the script prints the minimum and the median of
each, and the ratios of the minima. Each timed call starts from the same numpy matrix (C
order, as numpy makes it) and ends with closeness values and ranks.
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings
from typing import Callable, Dict, List

import numpy as np

import yardstick

ROWS, COLUMNS = 3_000, 100


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    rounds = parser.parse_args().rounds

    rng = np.random.default_rng(20231)
    matrix = rng.uniform(1.0, 100.0, size=(ROWS, COLUMNS))
    types = np.where(rng.random(COLUMNS) < 0.3, -1.0, 1.0)

    def ours() -> object:
        weights = yardstick.entropy_weights(matrix)
        return yardstick.topsis(matrix, weights, types)

    runners: Dict[str, Callable[[], object]] = {"yardstick": ours}

    try:
        import pymcdm

        def theirs() -> object:
            weights = pymcdm.weights.entropy_weights(matrix)
            preference = pymcdm.methods.TOPSIS()(matrix, weights, types)
            return preference, pymcdm.helpers.rankdata(preference, reverse=True)

        runners["pymcdm"] = theirs
    except ImportError:
        print("pymcdm is not installed: skipped")

    try:
        import skcriteria
        from skcriteria.preprocessing.scalers import MinMaxScaler
        from skcriteria.preprocessing.weighters import EntropyWeighter

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                from skcriteria.agg.topsis import TOPSIS
            except ImportError:
                from skcriteria.agg.similarity import TOPSIS

        objectives = [max if t > 0 else min for t in types]

        # Min-max scaling, then TOPSIS with the ideal at the minimum of cost criteria: the
        # distances of min-max TOPSIS with cost criteria inverted.
        def scikit() -> object:
            dm = skcriteria.mkdm(matrix, objectives)
            dm = EntropyWeighter().transform(dm)
            dm = MinMaxScaler(target="matrix").transform(dm)
            result = TOPSIS().evaluate(dm)
            return result.e_.similarity, result.rank_

        runners["scikit-criteria"] = scikit
    except ImportError:
        print("scikit-criteria is not installed: skipped")

    # The same answer first: closeness within 1e-12 and identical ranks.
    reference = ours()
    for name, run in runners.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            closeness, ranks = run()  # type: ignore[misc]
        gap = float(np.max(np.abs(np.asarray(closeness) - reference[0])))  # type: ignore[index]
        same = bool(np.array_equal(np.asarray(ranks), reference[1]))  # type: ignore[index]
        print(f"  {name:16} max |closeness difference| {gap:.1e}, identical ranks: {same}")

    times: Dict[str, List[float]] = {name: [] for name in runners}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for run in runners.values():
            run()  # warm-up: imports, first allocations
        for _ in range(rounds):
            for name, run in runners.items():
                start = time.perf_counter()
                run()
                times[name].append(time.perf_counter() - start)

    print(f"entropy weights + TOPSIS, {ROWS} x {COLUMNS}, {rounds} interleaved rounds")
    base = min(times["yardstick"])
    for name, t in times.items():
        print(
            f"  {name:16} min {min(t) * 1e3:8.2f} ms   median {statistics.median(t) * 1e3:8.2f} ms"
            f"   ({min(t) / base:5.1f}x yardstick's min)"
        )


if __name__ == "__main__":
    main()
