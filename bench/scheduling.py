#!/usr/bin/env python3
"""Scheduling benchmark (issue 3): medians of
  * one scheduler pass (decision time) with 10,000 PENDING sessions queued behind a session that holds every slot;
  * the time from a slot freeing (TERMINATED) to the next queued session reaching RUNNING (target < 50 ms);
  * `bai ps` and `bai ps --all` wall time with 1,000 sessions in the store (target < 400 ms).

Usage: bench/scheduling.py [QUEUED]   (default 10000; a temporary BAI_HOME; the manager is stopped at the end)
Sessions are created through the signed REST API directly (not 10,000 CLI starts).
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BAI = os.path.join(ROOT, "bai")
sys.path.insert(0, os.path.join(ROOT, "launcher", "src", "test", "resources"))
from signed_request import signature  # noqa: E402  (the tests' independent signer)


class Api:
    def __init__(self, home):
        state = json.load(open(os.path.join(home, "manager.json")))
        keys = json.load(open(os.path.join(home, "keypair.json")))
        self.url, self.ak, self.sk = state["url"], keys["access_key"], keys["secret_key"]

    def call(self, method, path, body=None):
        date = datetime.now().astimezone().isoformat(timespec="microseconds")
        host = self.url.split("://", 1)[1]
        data = None if body is None else json.dumps(body).encode()
        sig = signature(self.sk, method, path, date, host, "application/json", "v9.20250722")
        req = urllib.request.Request(self.url + path, data=data, method=method, headers={
            "Date": date, "Content-Type": "application/json", "X-BackendAI-Version": "v9.20250722",
            "Authorization": "BackendAI signMethod=HMAC-SHA256, credential=%s:%s" % (self.ak, sig)})
        with urllib.request.urlopen(req) as r:
            text = r.read().decode()
            return json.loads(text) if text else None

    def create(self, name, cpu, enqueue_only):
        return self.call("POST", "/session", {"name": name, "image": "python", "enqueueOnly": enqueue_only,
                                              "config": {"resources": {"cpu": cpu, "mem": "64m"}}})


def bai(env, *args):
    started = time.perf_counter()
    subprocess.run([BAI, *args], env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def instant(text):
    base, _, fraction = text.rstrip("Z").partition(".")
    return datetime.fromisoformat(base + "." + (fraction + "000000")[:6])


def handover_ms(api, holder, waiting):
    """Terminates holder (by id) and returns the ms from its TERMINATED to waiting's RUNNING."""
    api.call("DELETE", "/session/" + holder)
    for _ in range(400):
        info = api.call("GET", "/session/" + waiting)
        if info["status"] == "RUNNING":
            freed = instant(api.call("GET", "/session/" + holder)["statusHistory"]["TERMINATED"])
            return (instant(info["statusHistory"]["RUNNING"]) - freed).total_seconds() * 1000
        time.sleep(0.01)
    sys.exit("bench: %s never started" % waiting)


def main():
    queued = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    home = tempfile.mkdtemp(prefix="bai-bench-")
    os.chmod(home, 0o711)
    env = dict(os.environ, BAI_HOME=home, BAI_CPU="2", BAI_MEM="4g")
    try:
        bai(env, "server", "start")
        api = Api(home)
        # 1,000 sessions in the store: 998 cancelled while queued, 2 running
        api.create("keep-0", "1", False)
        api.create("keep-1", "1", False)
        for i in range(998):
            api.create("old-%d" % i, "1", True)
            api.call("DELETE", "/session/old-%d" % i)
        bai(env, "ps")
        ps = [bai(env, "ps") for _ in range(7)]
        ps_all = [bai(env, "ps", "--all") for _ in range(7)]
        # hand-over latency: a holder of both CPUs, one waiting session, repeated
        api.call("DELETE", "/session/keep-0")
        api.call("DELETE", "/session/keep-1")
        handovers = []
        holder = api.create("holder-0", "2", False)["sessionId"]
        for i in range(10):
            waiting = api.create("holder-%d" % (i + 1), "2", True)["sessionId"]
            handovers.append(handover_ms(api, holder, waiting))
            holder = waiting
        # decision time with a long queue behind holder-10
        started = time.perf_counter()
        for i in range(queued):
            api.create("q-%d" % i, "1", True)
        enqueue_s = time.perf_counter() - started
        passes = [api.call("POST", "/x-bai/scheduler/pass") for _ in range(10)]
        decision = [p["nanos"] / 1e6 for p in passes]
        print("bai scheduling benchmark (BAI_CPU=2), medians (min..max)")
        print("  scheduler pass, %d PENDING queued:      %7.2f ms (%.2f..%.2f), examined %d"
              % (passes[-1]["queued"], statistics.median(decision), min(decision), max(decision),
                 passes[-1]["examined"]))
        print("  slot freed -> next PENDING RUNNING:      %7.1f ms (%.1f..%.1f)  target < 50 ms: %s"
              % (statistics.median(handovers), min(handovers), max(handovers),
                 "met" if statistics.median(handovers) < 50 else "MISSED"))
        for label, values in (("bai ps, 1,000 sessions in the store", ps), ("bai ps --all, same", ps_all)):
            m = statistics.median(values)
            print("  %-40s %7.0f ms (%.0f..%.0f)  target < 400 ms: %s" % (label, m * 1000, min(values) * 1000,
                  max(values) * 1000, "met" if m < 0.4 else "MISSED"))
        print("  (enqueueing %d sessions over HTTP took %.1f s: %.2f ms each)" % (queued, enqueue_s,
              enqueue_s * 1000 / queued))
    finally:
        # admit nothing more, then end the one running session, so no kernel outlives the benchmark
        subprocess.run([BAI, "admin", "keypair-resource-policy", "update", "default", "--total-resource-slots",
                        '{"cpu": "0"}'], env=env, capture_output=True)
        subprocess.run([BAI, "rm", "holder-10"], env=env, capture_output=True)
        subprocess.run([BAI, "server", "stop"], env=env, capture_output=True)
        subprocess.run(["rm", "-rf", home])


if __name__ == "__main__":
    main()
