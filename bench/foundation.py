#!/usr/bin/env python3
"""Foundation benchmark: wall time of `bai run --rm -c 'print(1)' python`, of `bai ps`, and the manager's own
time from create to RUNNING (from the session's status history). Prints medians over repeated runs.

Usage: bench/foundation.py [RUNS]   (default 15; uses a temporary BAI_HOME and stops its manager at the end)
Targets on a 2-core machine: create->RUNNING < 50 ms, ps < 300 ms, run --rm < 700 ms.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BAI = os.path.join(ROOT, "bai")


def bai(env, *args, check=True):
    started = time.perf_counter()
    proc = subprocess.run([BAI, *args], env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if check and proc.returncode != 0:
        sys.exit("bench: bai %s failed (%d): %s" % (" ".join(args), proc.returncode, proc.stderr))
    return elapsed, proc.stdout


def ms(seconds):
    return "%.0f ms" % (seconds * 1000)


def parse_time(text):
    """Java's Instant text (nanoseconds, Z) as a datetime (microseconds)."""
    base, _, fraction = text.rstrip("Z").partition(".")
    return datetime.fromisoformat(base + "." + (fraction + "000000")[:6] + "+00:00")


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    home = tempfile.mkdtemp(prefix="bai-bench-")
    os.chmod(home, 0o711)
    env = dict(os.environ, BAI_HOME=home)
    try:
        bai(env, "server", "start")
        bai(env, "run", "--rm", "-q", "-c", "print(1)", "python")  # warm-up: start-up caches, manager JIT
        bai(env, "ps")
        run_times = [bai(env, "run", "--rm", "-q", "-c", "print(1)", "python")[0] for _ in range(runs)]
        ps_times = [bai(env, "ps")[0] for _ in range(runs)]
        to_running = []
        for i in range(runs):
            name = "bench-%03d" % i
            bai(env, "start", "-q", "-t", name, "python")
            info = json.loads(bai(env, "info", "--json", name)[1])
            history = info["statusHistory"]
            to_running.append((parse_time(history["RUNNING"]) - parse_time(history["PENDING"])).total_seconds())
            bai(env, "rm", "-q", name)
        print("bai foundation benchmark, %d runs each, medians (min..max)" % runs)
        for label, values, target in (("create -> RUNNING (manager)", to_running, 0.050),
                                      ("bai ps (wall)", ps_times, 0.300),
                                      ("bai run --rm -c 'print(1)' python (wall)", run_times, 0.700)):
            median = statistics.median(values)
            print("  %-42s %8s  (%s..%s)  target < %s: %s" % (label, ms(median), ms(min(values)), ms(max(values)),
                  ms(target), "met" if median < target else "MISSED"))
    finally:
        subprocess.run([BAI, "server", "stop"], env=env, capture_output=True)
        subprocess.run(["rm", "-rf", home])


if __name__ == "__main__":
    main()
