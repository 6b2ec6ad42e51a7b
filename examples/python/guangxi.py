# %% [markdown]
# # Guangxi among the 31 provinces, from Python
#
# The provincial innovation panel of `examples/provinces/` (R&D intensity and expenditure,
# invention and all patents granted, 2011–2023; sources in `data/cn-provinces/README.md`),
# built with `examples/provinces/build.json`: min-max to 0–100, iMeta's weights, arithmetic
# means. Run it from anywhere:
#
#     python examples/python/guangxi.py
#
# Every cell also runs in a notebook (`# %%` marks the cells).

# %%
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pandas as pd

import yardstick

HERE = Path(__file__).resolve().parent
PROVINCES = HERE.parent / "provinces"
FOCUS = "CN-GX"

data = yardstick.read_coin(PROVINCES / "iData.csv", PROVINCES / "iMeta.csv")
spec = json.loads((PROVINCES / "build.json").read_text(encoding="utf-8"))
years = [y for y in data.years if y is not None]
print(data)

# %% The index for the last year: scores and ranks are DataFrames indexed by uCode.
results = data.compute(spec)
ranking = pd.DataFrame(
    {"score": results.scores["Innovation"], "rank": results.ranks["Innovation"]}
).sort_values("rank")
print(f"\nInnovation index {results.year}, top 5 and Guangxi:")
print(ranking.head(5).to_string(float_format="%.1f"))
print(ranking.loc[[FOCUS]].to_string(float_format="%.1f", header=False))

# %% Guangxi's gaps: to the leader and to the mean of the ranked provinces, node by node.
for compare in ["leader", "mean"]:
    table = data.gap_table(FOCUS, compare, spec, base_year=years[0])
    print(f"\nGuangxi vs {compare} ({results.year}; change since {years[0]}):")
    print(
        table[["iCode", "focus", "comparison", "gap", "rank_gap", "contribution_to_index",
               "change"]].to_string(index=False, float_format="%.2f")
    )

# %% Catch-up: years to reach the mean at the growth of 2011–2023, growth needed by 2035.
catch_up = data.catch_up(FOCUS, "mean", deadline=2035, spec=spec)
print("\nCatching up with the mean of the provinces:")
print(
    catch_up[["growth", "window", "focus_growth", "comparison_growth", "years",
              "needed_cagr"]].to_string(index=False, float_format="%.4f")
)

# %% The ranking as a chart, when matplotlib is installed.
try:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    print("\n(matplotlib is not installed: no chart)")
else:
    ordered = ranking.sort_values("score")
    colours = ["#c0392b" if code == FOCUS else "#7f8c8d" for code in ordered.index]
    fig, ax = plt.subplots(figsize=(6, 8))
    ax.barh(list(ordered.index), list(ordered["score"]), color=colours)
    ax.set_xlabel(f"Innovation index {results.year} (0–100)")
    ax.set_title("31 provinces; Guangxi in red")
    fig.tight_layout()
    out = Path(tempfile.gettempdir()) / "guangxi_ranking.png"
    fig.savefig(out, dpi=120)
    print(f"\nchart written to {out.resolve()}")
