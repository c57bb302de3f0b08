#!/usr/bin/env python3
"""Sweep benchmark (issue 4), medians:
  * a 200-case sweep of `python -c 'print($X)'` with --max-parallel 2 through `bai run` (query mode, --rm),
    against `xargs -P 2` running the same 200 python commands directly on the host, in the same run;
  * expanding and validating 100,000 cases in one JVM (bench/SweepExpansion.java).
Target: bai within 1.5x of xargs; expansion under 1 s.

Usage: bench/sweep.py [CASES] [RUNS]   (defaults 200 and 3; a temporary BAI_HOME)
"""
import glob
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BAI = os.path.join(ROOT, "bai")


def timed(cmd, env=None, stdin=None):
    started = time.perf_counter()
    proc = subprocess.run(cmd, env=env, input=stdin, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit("bench: %s failed (%d): %s" % (cmd[0], proc.returncode, proc.stderr[-2000:]))
    return time.perf_counter() - started


def java_home():
    out = subprocess.run(["bash", "-c", ". %s/bin/find-java.sh && bai_find_java && echo $BAI_JAVA_HOME" % ROOT],
                         capture_output=True, text=True).stdout.strip()
    return out.splitlines()[-1]


def main():
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    home = tempfile.mkdtemp(prefix="bai-bench-")
    os.chmod(home, 0o711)
    env = dict(os.environ, BAI_HOME=home, XDG_CACHE_HOME=os.path.join(home, "cache"))
    python = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else "python3"
    try:
        timed([BAI, "server", "start"], env)
        sweep = [BAI, "run", "--rm", "-q", "--max-parallel", "2", "--env-range", "X=range:0,%d" % cases,
                 "-e", "X=$X", "-c", "import os; print(os.environ['X'])", "python"]
        timed(sweep, env)  # warm-up
        xargs = ["xargs", "-P", "2", "-I{}", python, "-c", "print({})"]
        numbers = "\n".join(str(i) for i in range(cases)) + "\n"
        bai_times, xargs_times = [], []
        for _ in range(runs):
            bai_times.append(timed(sweep, env))
            xargs_times.append(timed(xargs, stdin=numbers))
        b, x = statistics.median(bai_times), statistics.median(xargs_times)
        jars = os.pathsep.join([os.path.join(ROOT, "launcher/target/bai-launcher.jar")]
                               + glob.glob(os.path.join(ROOT, "launcher/target/lib/*.jar")))
        expansion = subprocess.run([os.path.join(java_home(), "bin", "java"), "-cp", jars, "--source", "21",
                                    os.path.join(ROOT, "bench", "SweepExpansion.java"), "7"],
                                   capture_output=True, text=True, check=True).stdout.strip()
        print("bai sweep benchmark, %d cases, --max-parallel 2, medians of %d runs" % (cases, runs))
        print("  bai run --rm (query mode), whole sweep:   %6.2f s  (%.1f ms per case)" % (b, b * 1000 / cases))
        print("  xargs -P 2 python -c, same commands:      %6.2f s  (%.1f ms per case)" % (x, x * 1000 / cases))
        print("  ratio bai / xargs:                        %6.2f   target <= 1.5: %s" % (b / x,
              "met" if b / x <= 1.5 else "MISSED"))
        print("  expand + validate 100,000 cases (in JVM): %6s ms  target < 1000 ms: %s" % (expansion,
              "met" if float(expansion) < 1000 else "MISSED"))
    finally:
        subprocess.run([BAI, "server", "stop"], env=env, capture_output=True)
        subprocess.run(["rm", "-rf", home])


if __name__ == "__main__":
    main()
