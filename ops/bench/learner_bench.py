#!/usr/bin/env python3
"""Learner speed benchmark: `warren train` against `vw` (when one is on the PATH) on the same data.

Generates the issue's datasets with ../shared/bench/gen_cb_adf.py (200k examples, K=10 seed 1 and
K=50 seed 2) under ops/bench/work/, then times whole processes (JVM start-up included) for:
  mtr      --cb_explore_adf --epsilon 0.1 -q sa --cb_type mtr
  squarecb --cb_explore_adf --squarecb -q sa
  ips      --cb_explore_adf --epsilon 0.1 -q sa --cb_type ips
  predict  the mtr model, then -t -i model (predict only)
Each run is repeated (--repeat, default 3) alternating warren and vw, and the median wall time is used.
Writes ops/bench/results/learner-<timestamp>.md and .json with examples/s, average loss and the
warren/vw speed ratio measured in the same run.

Usage: python3 ops/bench/learner_bench.py [--n 200000] [--repeat 3] [--only mtr,ips] [--k 10,50]
"""
import argparse
import datetime
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
WORK = os.path.join(ROOT, "ops", "bench", "work")
RESULTS = os.path.join(ROOT, "ops", "bench", "results")
GEN = os.path.abspath(os.path.join(ROOT, "..", "shared", "bench", "gen_cb_adf.py"))

CONFIGS = {
    "mtr": "--cb_explore_adf --epsilon 0.1 -q sa --cb_type mtr",
    "squarecb": "--cb_explore_adf --squarecb -q sa",
    "ips": "--cb_explore_adf --epsilon 0.1 -q sa --cb_type ips",
}


def dataset(n, k, seed):
    path = os.path.join(WORK, "cb_adf_n%d_k%d_s%d.txt" % (n, k, seed))
    if not os.path.exists(path):
        os.makedirs(WORK, exist_ok=True)
        print("generating %s" % path, file=sys.stderr)
        subprocess.run([sys.executable, GEN, "--n", str(n), "--k", str(k), "--seed", str(seed), "--out", path],
                       check=True, stderr=subprocess.DEVNULL)
    return path


def timed(cmd):
    t0 = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=WORK)
    dt = time.monotonic() - t0
    if p.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (" ".join(cmd), p.returncode, p.stderr[-2000:]))
    m = re.search(r"^average loss = (\S+)", p.stderr, re.M)
    return dt, (float(m.group(1)) if m else None)


def measure(tools, args_of, repeat):
    """Alternates the tools so both see the same machine load; returns {tool: (median secs, loss, all secs)}.

    args_of(tool) gives the arguments for that tool (the predict config reads each tool's own model)."""
    times = {t: [] for t in tools}
    loss = {}
    for _ in range(repeat):
        for name, cmd in tools.items():
            dt, l = timed(cmd + args_of(name))
            times[name].append(dt)
            loss[name] = l
    return {t: (statistics.median(times[t]), loss[t], times[t]) for t in tools}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", default="mtr,squarecb,ips,predict")
    ap.add_argument("--k", default="10,50")
    a = ap.parse_args()
    # The launcher builds the jars and, on its first train, the JVM's ahead-of-time cache (seconds):
    # both happen here, untimed, not inside the first measured run.
    subprocess.run([os.path.join(ROOT, "warren"), "train", "--cb_explore_adf", "-d", dataset(1000, 10, 1), "--quiet"],
                   check=True, capture_output=True)
    tools = {"warren": [os.path.join(ROOT, "warren"), "train"]}
    vw = shutil.which("vw")
    if vw:
        tools["vw"] = [vw]
    rows = []
    for k in [int(x) for x in a.k.split(",")]:
        seed = 1 if k == 10 else 2
        data = dataset(a.n, k, seed)
        for name in a.only.split(","):
            if name == "predict":
                for tool, cmd in tools.items():
                    subprocess.run(cmd + CONFIGS["mtr"].split() + ["-d", data, "--quiet", "-f", "bench_%s.model" % tool],
                                   check=True, cwd=WORK, capture_output=True)
                result = measure(tools, lambda tool: CONFIGS["mtr"].split() + ["-d", data, "-t", "-i",
                                                                                "bench_%s.model" % tool], a.repeat)
            else:
                result = measure(tools, lambda tool: CONFIGS[name].split() + ["-d", data], a.repeat)
            row = {"k": k, "config": name, "examples": a.n}
            for tool, (secs, loss, runs) in result.items():
                row[tool + "_seconds"] = round(secs, 3)
                row[tool + "_seconds_runs"] = [round(s, 3) for s in runs]
                row[tool + "_examples_per_s"] = round(a.n / secs)
                row[tool + "_average_loss"] = loss
            if "vw" in result:
                row["speed_ratio_warren_over_vw"] = round(result["vw"][0] / result["warren"][0], 3)
                # The ratio of each round's pair of runs: how far the machine's drift moves it.
                per_round = [v / w for v, w in zip(result["vw"][2], result["warren"][2])]
                row["speed_ratio_rounds_min_max"] = [round(min(per_round), 3), round(max(per_round), 3)]
                if result["vw"][1]:
                    row["loss_relative_difference"] = round(
                        abs(result["warren"][1] - result["vw"][1]) / abs(result["vw"][1]), 4)
            rows.append(row)
            print(json.dumps(row), flush=True)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    os.makedirs(RESULTS, exist_ok=True)
    meta = {"when": stamp, "host_cpus": os.cpu_count(), "vw": vw, "repeat": a.repeat,
            "note": "whole-process wall time including JVM start-up; median of repeats; tools alternate"}
    with open(os.path.join(RESULTS, "learner-%s.json" % stamp), "w") as f:
        json.dump({"meta": meta, "rows": rows}, f, indent=1)
    with open(os.path.join(RESULTS, "learner-%s.md" % stamp), "w") as f:
        f.write("# Learner benchmark %s\n\n%s\n\n" % (stamp, json.dumps(meta)))
        f.write("| K | config | warren ex/s | warren loss | vw ex/s | vw loss | speed ratio | ratio per round | loss diff |\n")
        f.write("|---|---|---|---|---|---|---|---|---|\n")
        for r in rows:
            spread = r.get("speed_ratio_rounds_min_max")
            f.write("| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n" % (
                r["k"], r["config"], r.get("warren_examples_per_s"), r.get("warren_average_loss"),
                r.get("vw_examples_per_s", "-"), r.get("vw_average_loss", "-"),
                r.get("speed_ratio_warren_over_vw", "-"), "%s-%s" % tuple(spread) if spread else "-",
                r.get("loss_relative_difference", "-")))
    print("wrote %s" % os.path.join(RESULTS, "learner-%s.md" % stamp))


if __name__ == "__main__":
    main()
