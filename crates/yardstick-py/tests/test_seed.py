"""The seed data's gaps (CCID's Digital Economy Development Index 2020, data/dedi/): Guangxi
scores 26.2, rank 7 of 7 provinces; the leader Guangdong 65.3, the national average 29.6."""

import math

import yardstick

# Subtractions of one-decimal numbers in binary: equal to the decimal result to a few ulps.
TOL = 1e-12


def test_guangxi_gaps_to_the_leader_and_the_national_average() -> None:
    data, spec = yardstick.seed()
    assert data.names["CN-GX"] == "广西"
    results = data.compute(spec)
    assert results.scores.loc["CN-GX", "DEDI"] == 26.2
    assert results.ranks.loc["CN-GX", "DEDI"] == 7
    assert math.isnan(results.ranks.loc["CN", "DEDI"])  # reference rows are never ranked
    leader = data.gap("CN-GX", "leader", spec=spec)
    assert abs(leader["gap"] - (65.3 - 26.2)) < TOL  # 39.1
    assert abs(leader["percent"] - 100 * 39.1 / 65.3) < TOL  # 59.877… % below the leader
    assert leader["rank_gap"] == 6
    average = data.gap("CN-GX", "CN", spec=spec)
    assert abs(average["gap"] - (29.6 - 26.2)) < TOL  # 3.4
    assert f"{leader['gap']:.1f} {average['gap']:.1f}" == "39.1 3.4"


def test_group_comparisons() -> None:
    data, spec = yardstick.seed()
    five = "CN-ZJ,CN-FJ,CN-JS,CN-GD,CN-SH"
    mean = data.gap("CN-GX", f"group:{five}", spec=spec)
    # (51.5 + 38.6 + 52.2 + 65.3 + 45.5) / 5 = 50.62; 50.62 − 26.2 = 24.42.
    assert abs(mean["comparison"] - 50.62) < TOL
    assert abs(mean["gap"] - 24.42) < TOL
    best = data.gap("CN-GX", f"group-best:{five}", spec=spec)
    assert best["comparison"] == 65.3
    target = data.gap("CN-GX", "target:30", spec=spec)
    assert abs(target["gap"] - 3.8) < TOL
