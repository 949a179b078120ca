#!/usr/bin/env python3
"""Two builds of `warren train` against each other, alternating runs so both see the same machine load.

On a shared 2-core VM the same command's wall time moves by up to 50% within minutes, so a change to the
learner is judged by running the old and the new build in turns and comparing medians (wall and CPU).

  python3 ops/bench/train_ab.py snapshot /tmp/before       # copy the current build (after ./warren train once)
  ... change, rebuild (./warren train on any data rebuilds the jars and the AOT cache) ...
  python3 ops/bench/train_ab.py compare /tmp/before api/target --rounds 6 -- \\
      --cb_explore_adf --epsilon 0.1 -q sa --cb_type mtr -d ops/bench/work/cb_adf_n200000_k10_s1.txt --quiet

A build folder holds warren-api.jar, lib/ and warren-train.aot, as api/target does. Each run uses the
JVM options of the `warren` launcher for `train`, or those in the folder's `java-options` file (one line)
when there is one: a build from before an option change keeps the options its AOT cache was made with. Prints one line per build: median and best wall time,
median and best CPU time (user + system of the process).
"""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
# The launcher's options for `warren train` (see ../../warren).
TRAIN_OPTIONS = ["--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-XX:+UseParallelGC",
                 "-XX:TieredStopAtLevel=4", "--add-modules", "jdk.incubator.vector", "-XX:-UseOnStackReplacement"]
BUILD_FILES = ["warren-api.jar", "lib", "warren-train.aot"]


def java25():
    found = subprocess.run(["bash", "-c", ". '%s/bin/jdk25.sh' && command -v java" % ROOT],
                           capture_output=True, text=True)
    if found.returncode != 0 or not found.stdout.strip():
        sys.exit("train_ab: no JDK 25 found (bin/jdk25.sh)")
    return found.stdout.strip()


def snapshot(target):
    source = os.path.join(ROOT, "api", "target")
    for name in BUILD_FILES:
        if not os.path.exists(os.path.join(source, name)):
            sys.exit("train_ab: %s/%s is missing: run ./warren train once to build it" % (source, name))
    shutil.rmtree(target, ignore_errors=True)
    os.makedirs(target)
    for name in BUILD_FILES:
        path = os.path.join(source, name)
        (shutil.copytree if os.path.isdir(path) else shutil.copy2)(path, os.path.join(target, name))
    print("copied the build in %s to %s" % (source, target))


def options(build):
    path = os.path.join(build, "java-options")
    if os.path.exists(path):
        with open(path) as f:
            return f.read().split()
    return TRAIN_OPTIONS


def run_once(java, build, args):
    command = [java] + options(build) + ["-XX:AOTCache=" + os.path.join(build, "warren-train.aot"), "-cp",
                                        "%s/warren-api.jar:%s/lib/*" % (build, build), "io.warren.cli.Main",
                                        "train"] + args
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit("train_ab: %s failed (%d): %s" % (build, done.returncode, done.stderr[-2000:]))
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def compare(builds, rounds, args):
    java = java25()
    results = {b: [] for b in builds}
    for _ in range(rounds):
        for b in builds:
            results[b].append(run_once(java, b, args))
    for b in builds:
        walls = [w for w, _ in results[b]]
        cpus = [c for _, c in results[b]]
        print("%-30s wall median %.3f s best %.3f | cpu median %.3f s best %.3f"
              % (b, statistics.median(walls), min(walls), statistics.median(cpus), min(cpus)))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    take = commands.add_parser("snapshot", help="copy the current build (api/target) to a folder")
    take.add_argument("folder")
    versus = commands.add_parser("compare", help="run builds in turns; warren train's arguments follow --")
    versus.add_argument("builds", nargs="+")
    versus.add_argument("--rounds", type=int, default=6)
    argv = sys.argv[1:]
    train_args = []
    if "--" in argv:
        at = argv.index("--")
        argv, train_args = argv[:at], argv[at + 1:]
    a = parser.parse_args(argv)
    if a.command == "snapshot":
        snapshot(a.folder)
    else:
        if not train_args:
            sys.exit("train_ab: give warren train's arguments after --")
        compare([os.path.abspath(b) for b in a.builds], a.rounds, train_args)


if __name__ == "__main__":
    main()
