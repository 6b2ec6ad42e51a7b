#!/usr/bin/env python3
"""The peers' side of `cargo xtask bench-peers`: pymcdm and scikit-criteria on the matrices of
`cargo xtask gen-matrix`, their outputs checked against Yardstick's, and the table of ratios.

    peers.py inproc DIR ROUNDS OUT.json    time every task of both peers in process (the
                                           rounds interleave the two libraries) and write
                                           their weights, scores, ranks and timings
    peers.py oneshot DIR TASK LIB          one task end to end, as a script would run it:
                                           import, read the CSV, compute, print the result
    peers.py report RESULTS.json           check agreement (exit 1 on any difference over
                                           1e-9 or any rank that differs) and print the table

Run by `cargo xtask bench-peers`, which installs the pinned peers in a virtual environment.
"""

import csv
import io
import json
import statistics
import sys
import time

import warnings

import numpy as np

# scikit-criteria warns on every call that cost criteria are "not recommended" in TOPSIS and
# CRITIC; the printing would be timed with the method.
warnings.filterwarnings("ignore")

# Outputs must agree to this, absolutely: weights and closeness lie in [0, 1].
AGREEMENT = 1e-9


def load(directory):
    """The matrix (units x indicators, in iMeta order) and the criterion types (+1/-1)."""
    with open(f"{directory}/iMeta.csv", newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["Type"] == "Indicator"]
    codes = [r["iCode"] for r in rows]
    types = np.array([int(float(r["Direction"])) for r in rows])
    with open(f"{directory}/iData.csv", newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        cols = [header.index(c) for c in codes]
        matrix = np.array([[float(row[c]) for c in cols] for row in reader])
    return matrix, types


# --- the tasks, as each library's documentation writes them -----------------------------------


def pymcdm_entropy_topsis(matrix, types):
    from pymcdm.methods import TOPSIS
    from pymcdm.weights import entropy_weights

    weights = entropy_weights(matrix)
    topsis = TOPSIS()
    scores = topsis(matrix, weights, types)
    return weights, scores, topsis.rank(scores)


def pymcdm_critic(matrix, types):
    from pymcdm.weights import critic_weights

    return critic_weights(matrix), None, None


def skcriteria_entropy_topsis(matrix, types):
    import skcriteria as skc
    from skcriteria.agg.topsis import TOPSIS
    from skcriteria.pipelines import mkpipe
    from skcriteria.preprocessing.scalers import MinMaxScaler
    from skcriteria.preprocessing.weighters import EntropyWeighter

    dm = skc.mkdm(matrix, objectives=[max if t > 0 else min for t in types])
    pipe = mkpipe(EntropyWeighter(), MinMaxScaler(target="matrix"), TOPSIS())
    result = pipe.evaluate(dm)
    weights = pipe.steps[0][1].transform(dm).weights.to_numpy()
    return weights, result.e_.similarity, result.values


def skcriteria_critic(matrix, types):
    import skcriteria as skc
    from skcriteria.preprocessing.weighters import CRITIC

    dm = skc.mkdm(matrix, objectives=[max if t > 0 else min for t in types])
    return CRITIC().transform(dm).weights.to_numpy(), None, None


TASKS = {
    ("entropy_topsis", "pymcdm"): pymcdm_entropy_topsis,
    ("entropy_topsis", "scikit-criteria"): skcriteria_entropy_topsis,
    # pymcdm's CRITIC takes the columns as they are; scikit-criteria's (scale=True, its
    # default) turns cost criteria around first: Yardstick's critic_invert_cost.
    ("critic", "pymcdm"): pymcdm_critic,
    ("critic_invert_cost", "scikit-criteria"): skcriteria_critic,
}


def as_list(x):
    return None if x is None else [float(v) for v in np.asarray(x).ravel()]


def inproc(directory, rounds, out):
    matrix, types = load(directory)
    timings = {key: [] for key in TASKS}
    outputs = {}
    for key, task in TASKS.items():  # imports and first-call set-up outside the timings
        w, s, r = task(matrix, types)
        outputs[key] = {"weights": as_list(w), "scores": as_list(s), "ranks": as_list(r)}
    for _ in range(rounds):
        for key, task in TASKS.items():
            start = time.perf_counter()
            task(matrix, types)
            timings[key].append(time.perf_counter() - start)
    result = [
        dict(
            task=task,
            lib=lib,
            time={"min": min(t), "median": statistics.median(t)},
            **outputs[(task, lib)],
        )
        for (task, lib), t in timings.items()
    ]
    with open(out, "w", encoding="utf-8") as f:
        json.dump(result, f)


def oneshot(directory, task, lib):
    matrix, types = load(directory)
    w, s, r = TASKS[(task, lib)](matrix, types)
    text = io.StringIO()
    values = s if s is not None else w
    for i, v in enumerate(values):
        text.write(f"{i},{v!r}\n")
    sys.stdout.write(text.getvalue())


# --- agreement and the table -------------------------------------------------------------------


def check(name, ours, theirs, failures):
    if theirs is None:
        return
    ours, theirs = np.asarray(ours, dtype=float), np.asarray(theirs, dtype=float)
    if ours.shape != theirs.shape:
        failures.append(f"{name}: {ours.shape} values against {theirs.shape}")
        return
    worst = float(np.max(np.abs(ours - theirs))) if ours.size else 0.0
    if not worst <= AGREEMENT:
        i = int(np.argmax(np.abs(ours - theirs)))
        failures.append(
            f"{name}: differs by {worst:.3g} at position {i} "
            f"(Yardstick {float(ours[i])!r}, peer {float(theirs[i])!r}); allowed {AGREEMENT}"
        )


def ms(t):
    return f"{t['min'] * 1e3:.3g}/{t['median'] * 1e3:.3g}"


def ratio(peer, ours):
    return f"{peer['min'] / ours['min']:.1f}×/{peer['median'] / ours['median']:.1f}×"


def report(path):
    with open(path, encoding="utf-8") as f:
        runs = json.load(f)
    failures = []
    lines = [
        "| task | size | Yardstick in process (ms, min/median) | peer | peer in process (ms) "
        "| ratio (min/median) | Yardstick CLI end to end (ms) | peer script end to end (ms) "
        "| ratio end to end |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        size = f"{run['units']}×{run['indicators']}"
        ours = run["yardstick"]["mcda"]
        for peer in run["peers"]:
            mine = ours[peer["task"]]
            label = f"{peer['task']} vs {peer['lib']} {size}"
            check(f"{label}: weights", mine["weights"], peer["weights"], failures)
            if peer["scores"] is not None:
                check(f"{label}: scores", mine["scores"], peer["scores"], failures)
                if [int(r) for r in mine["ranks"]] != [int(r) for r in peer["ranks"]]:
                    failures.append(f"{label}: rankings differ")
            cli = run["cli"].get(peer["task"])
            e2e = run["peer_cli"].get(f"{peer['task']}/{peer['lib']}")
            lines.append(
                f"| {peer['task']} | {size} | {ms(mine['time'])} | {peer['lib']} "
                f"| {ms(peer['time'])} | {ratio(peer['time'], mine['time'])} "
                f"| {ms(cli) if cli else '–'} | {ms(e2e) if e2e else '–'} "
                f"| {ratio(e2e, cli) if cli and e2e else '–'} |"
            )
    print("\n".join(lines))
    print()
    print("| yardstick compute | size | read | pipeline | write | in process total "
          "| CLI end to end (ms, min/median) | I/O share in process | peak RSS |")
    print("|---|---|---|---|---|---|---|---|---|")
    for run in runs:
        c = run["yardstick"]["compute"]
        total = sum(c[k]["min"] for k in ("read", "pipeline", "write"))
        cli = run["cli"].get("compute")
        rss = run.get("rss_kb", {}).get("compute")
        print(
            f"| minmax + amean | {run['units']}×{run['indicators']} | {ms(c['read'])} "
            f"| {ms(c['pipeline'])} | {ms(c['write'])} | {total * 1e3:.3g} "
            f"| {ms(cli) if cli else '–'} "
            f"| {(c['read']['min'] + c['write']['min']) / total:.0%} "
            f"| {f'{rss / 1024:.1f} MB' if rss else '–'} |"
        )
    if failures:
        print("\nDISAGREEMENT between Yardstick and its peers:", file=sys.stderr)
        for f in failures:
            print(f"  {f}", file=sys.stderr)
        sys.exit(1)
    print(f"\nAll outputs agree to {AGREEMENT} (weights, scores) and exactly (rankings).")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "inproc":
        inproc(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif command == "oneshot":
        oneshot(sys.argv[2], sys.argv[3], sys.argv[4])
    elif command == "report":
        report(sys.argv[2])
    else:
        sys.exit(__doc__)
