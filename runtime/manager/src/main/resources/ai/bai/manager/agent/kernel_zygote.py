"""bai kernel zygote: starts session kernels by forking a warm interpreter.

A fresh Python needs ~30 ms to import what a kernel runner uses; a fork of this process, which has imported it
all already, needs ~2 ms. The manager keeps one zygote; it exits when the manager closes its standard input.

  request (one JSON line per connection): {"uid": int (-1 keeps this process's user), "workdir": str,
           "socket": str, "lang": str, "env": {str: str}, "log": str, "cgroups": [cgroup.procs paths],
           "cores": [cpu numbers]}
  reply: {"pid": int} or {"error": str}

The child leaves this process's session (setsid), sends its output to the session log, joins the session's
cgroups and CPU cores, drops to the session's user (supplementary groups cleared, no_new_privs set) and becomes
a kernel runner (kernel_runner.run).
"""
import ctypes
import json
import os
import select
import signal
import socket
import sys
import traceback

import kernel_runner

PR_SET_NO_NEW_PRIVS = 38


def preload():
    """Everything a runner imports lazily, imported once here so that every fork starts warm."""
    import getpass  # noqa: F401  (patched per runner)
    import site
    import subprocess  # noqa: F401
    site.main()
    kernel_runner.site_ready = True
    kernel_runner.json = json
    kernel_runner.traceback = traceback
    kernel_runner.subprocess = subprocess


def become(request, inherited):
    """In the forked child: turn into the session's kernel runner. Never returns."""
    os.setsid()
    with open("/proc/self/comm", "w") as comm:  # ps and top show kernels as bai-kernel, not as the zygote
        comm.write("bai-kernel")
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    for s in inherited:
        s.close()
    log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o640)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    os.close(null)
    for procs in request.get("cgroups", []):  # joined while still root; children inherit the groups
        with open(procs, "w") as f:
            f.write(str(os.getpid()))
    if request.get("cores"):
        os.sched_setaffinity(0, request["cores"])
    uid = request["uid"]
    if uid >= 0:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
        if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
    os.environ.clear()
    os.environ.update(request["env"])
    kernel_runner.run(kernel_runner.Args(request["socket"], request["workdir"], request.get("lang", "python")))


def spawn(conn, server):
    line = conn.makefile("rb").readline()
    if not line:
        return
    request = json.loads(line)
    pid = os.fork()
    if pid == 0:
        try:
            become(request, (conn, server))
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(1)
    conn.sendall((json.dumps({"pid": pid}) + "\n").encode())


def serve(path):
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel, never zombies
    if os.path.exists(path):
        os.unlink(path)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    os.chmod(path, 0o600)
    server.listen(64)
    print("ready", flush=True)
    while True:
        ready, _, _ = select.select([server, sys.stdin], [], [])
        if sys.stdin in ready and not os.read(sys.stdin.fileno(), 4096):
            os._exit(0)  # the manager went away
        if server in ready:
            conn, _ = server.accept()
            try:
                spawn(conn, server)
            except Exception as e:  # a bad request must not take the zygote down
                try:
                    conn.sendall((json.dumps({"error": str(e)}) + "\n").encode())
                except OSError:
                    pass
            finally:
                conn.close()


if __name__ == "__main__":
    preload()
    serve(sys.argv[sys.argv.index("--socket") + 1])
